package dev.custody.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestBoundsTest {

    private final RequestBounds bounds = new RequestBounds(new InputLimits(null, null, null, null, DataSize.ofKilobytes(1),
            null), new ProblemWriter(new ObjectMapper()));

    @Test
    void aBodyWithoutAConcreteMediaTypeIs415() throws Exception {
        for (String type : new String[]{null, "", "*/*", "application/*", "not a type"}) {
            MockHttpServletRequest request = post("{}");
            request.setContentType(type);
            MockHttpServletResponse response = filter(request, new MockFilterChain());
            assertThat(response.getStatus()).as(type).isEqualTo(415);
            assertThat(response.getContentType()).isEqualTo("application/problem+json");
            assertThat(response.getContentAsString()).contains("\"rule\":\"unsupported-media-type\"")
                    .contains("\"field\":\"Content-Type\"");
        }
    }

    @Test
    void anUnreadableAcceptHeaderIs406() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/devices");
        request.addHeader("Accept", "garbage");
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = filter(request, chain);
        assertThat(response.getStatus()).isEqualTo(406);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"field\":\"Accept\"");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void aBodyDeclaredOverTheLimitIs413Unread() throws Exception {
        MockHttpServletRequest request = post("x".repeat(1025));
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = filter(request, chain);
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("\"rule\":\"payload-too-large\"");
        assertThat(chain.getRequest()).as("never passed on").isNull();
    }

    @Test
    void aBodyOfUnknownLengthIsReadNoFurtherThanTheLimit() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/devices") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContentType("application/json");
        request.setContent("x".repeat(5000).getBytes());
        request.addHeader("Transfer-Encoding", "chunked");
        MockFilterChain chain = new MockFilterChain();
        filter(request, chain);
        InputStream body = ((HttpServletRequest) chain.getRequest()).getInputStream();
        assertThatThrownBy(body::readAllBytes).isInstanceOf(RequestBounds.BodyTooLarge.class);
    }

    @Test
    void aBodyWithinTheLimitAndNoBodyPass() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        filter(post("{\"a\":1}"), chain);
        assertThat(((HttpServletRequest) chain.getRequest()).getInputStream().readAllBytes()).hasSize(7);

        MockHttpServletRequest empty = new MockHttpServletRequest("POST", "/api/v1/admin/projections/rebuild");
        MockFilterChain emptyChain = new MockFilterChain();
        assertThat(filter(empty, emptyChain).getStatus()).isEqualTo(200);
        assertThat(emptyChain.getRequest()).isNotNull();
    }

    private static MockHttpServletRequest post(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/devices");
        request.setContentType("application/json");
        request.setContent(body.getBytes());
        request.addHeader("Content-Length", body.length());
        return request;
    }

    private MockHttpServletResponse filter(MockHttpServletRequest request, MockFilterChain chain) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        bounds.doFilter(request, response, chain);
        return response;
    }
}

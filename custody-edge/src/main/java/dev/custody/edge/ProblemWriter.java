package dev.custody.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link Problem} where Spring MVC does not run: in the security filters (401, 403) and for requests the
 * firewall rejects. The body is the same as MVC writes for a thrown {@link Problem}.
 */
@Component
public class ProblemWriter {

    private final ObjectMapper objectMapper;

    public ProblemWriter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException {
        ProblemDetail body = problem.getBody();
        response.setStatus(problem.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", body.getType());
        json.put("title", body.getTitle());
        json.put("status", body.getStatus());
        json.put("detail", body.getDetail());
        json.put("instance", body.getInstance() != null ? body.getInstance().toString() : request.getRequestURI());
        if (body.getProperties() != null) {
            json.putAll(body.getProperties());
        }
        objectMapper.writeValue(response.getOutputStream(), json);
    }
}

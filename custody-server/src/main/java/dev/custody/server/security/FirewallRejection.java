package dev.custody.server.security;

import dev.custody.edge.Problem;
import dev.custody.edge.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.List;

/**
 * A request Spring Security's firewall refused (a path with {@code //}, {@code %2e} or {@code ;}, a header with a
 * control character, ...) is answered with problem+json and the usual security headers, like every other refusal,
 * instead of the container's error page. The firewall's reason is logged, not echoed.
 */
@Component
public class FirewallRejection implements RequestRejectedHandler {

    public static final Problem PROBLEM = Problem.badRequest("request-rejected",
            "The request was refused: its URL or a header is malformed", List.of());

    private static final Logger log = LoggerFactory.getLogger(FirewallRejection.class);

    private final ProblemWriter problems;

    FirewallRejection(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.debug("Firewall rejected a request: {}", rejected.getMessage());
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        SecurityHeaders.OUTSIDE_THE_CHAIN.forEach(writer -> writer.writeHeaders(request, response));
        problems.write(request, response, PROBLEM);
    }
}

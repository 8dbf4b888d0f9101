package dev.custody.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.edge.Problem;
import dev.custody.edge.ProblemWriter;
import dev.custody.server.security.FirewallRejection;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What Tomcat refuses itself, before any filter runs (an encoded slash or a NUL in the path, a malformed request
 * line), is problem+json like every other refusal, not Tomcat's HTML error page: the host's error report valve is
 * replaced by one that writes a {@link Problem}. Found by {@code HostileInputIT}.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrors {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ObjectMapper objectMapper) {
        return new Customizer(new ProblemWriter(objectMapper));
    }

    /** Runs after Spring Boot's own customizer, which adds a plain error report valve to the host. */
    static final class Customizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        private final ProblemWriter problems;

        Customizer(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Container host = context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemReports(problems));
                if (host instanceof StandardHost standard) {
                    // Otherwise the host adds Tomcat's own valve again when it starts.
                    standard.setErrorReportValveClass(ProblemReports.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    static final class ProblemReports extends ErrorReportValve {

        private final ProblemWriter problems;

        ProblemReports(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            try {
                problems.write(request, response, problem(status));
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // The client went away or the response was taken: nothing more can be said.
            }
        }

        private static Problem problem(int status) {
            HttpStatus known = HttpStatus.resolve(status);
            if (status == 400 || known == null) {
                return FirewallRejection.PROBLEM;
            }
            return new Problem(known, known.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    "The server refused the request: " + known.getReasonPhrase(), List.of());
        }
    }
}

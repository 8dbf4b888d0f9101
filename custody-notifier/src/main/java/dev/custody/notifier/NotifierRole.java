package dev.custody.notifier;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks every notifier bean: it exists only on nodes with {@code custody.roles.notifier=true} (the default), so a node
 * can run without consuming Kafka or sending messages.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@ConditionalOnProperty(name = "custody.roles.notifier", havingValue = "true", matchIfMissing = true)
public @interface NotifierRole {
}

package dev.kimpact.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@code --format}s a command can write, first the default. {@link OutputOptions} refuses any other as a usage
 * error, and {@link Main} narrows the option's candidates to these, so that help, man page and completion list
 * exactly them. Teaching a command a new format is one more value here (and the code that writes it).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@interface Formats {
    OutputOptions.Format[] value();
}

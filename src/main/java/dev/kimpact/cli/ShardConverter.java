package dev.kimpact.cli;

import dev.kimpact.diag.InputException;
import dev.kimpact.finding.Shard;
import picocli.CommandLine;

/** {@code --shard I/N}: a bad spec is a usage error (exit status 2). */
final class ShardConverter implements CommandLine.ITypeConverter<Shard> {

    @Override
    public Shard convert(String value) {
        try {
            return Shard.parse(value);
        } catch (InputException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}

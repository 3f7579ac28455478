package dev.kimpact.cli;

import dev.kimpact.whatif.Assignment;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** Mixin: {@code --set PATH=VALUE} (repeatable), the what-if override of {@code run} and {@code diff}. */
public final class SetOption {

    public static final String NAME = "--set";

    @Option(names = NAME, paramLabel = "PATH=VALUE",
            description = {"Override a value of the scenario before it is loaded (repeatable). PATH is dotted keys; "
                    + "under hosts/guests the next segment is the entry's name, in other lists a 0-based index "
                    + "(steps.3.migrate.to). VALUE is YAML flow text: 4.22, [a, b], {dump: x.txt}. A key the "
                    + "scenario lacks may be set where the schema allows it (hosts.new.patches, guests.g.vmm.enforce)."})
    List<String> sets = new ArrayList<>();

    /** The assignments, in the order given. */
    public List<Assignment> assignments() {
        List<Assignment> out = new ArrayList<>();
        for (String s : sets) {
            out.add(Assignment.parse(NAME, s));
        }
        return out;
    }
}

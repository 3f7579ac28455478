package dev.kimpact.whatif;

import dev.kimpact.diag.InputException;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.finding.Shard;
import dev.kimpact.xsave.CpuCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Matrix expansion: counts, order (first dimension slowest), 'all', splitting, the case bound, shards. */
class MatrixTest {

    private static final AllValues ALL = new AllValues(new ModelCatalog());

    private static Dimension dim(String argument) {
        return Dimension.parse(argument, ALL::of);
    }

    private static Matrix matrix(String... dimensions) {
        List<Dimension> dims = new ArrayList<>();
        for (String d : dimensions) {
            dims.add(dim(d));
        }
        return new Matrix(List.of(Assignment.parse("--set", "hosts.new.patches=[]")), dims);
    }

    @Test
    void cartesianProductInOptionOrder() {
        Matrix m = matrix("cpu=genoa,icelake-server", "hosts.new.kernel=4.20,4.21,4.22");
        assertThat(m.size()).isEqualTo(6);
        List<Map<String, String>> cases = IntStream.range(0, 6).mapToObj(i -> m.at(i).bindings()).toList();
        assertThat(cases.get(0)).containsExactly(Map.entry("hosts.new.patches", "[]"), Map.entry("cpu", "genoa"),
                Map.entry("hosts.new.kernel", "4.20"));
        assertThat(cases).extracting(c -> c.get("cpu") + "/" + c.get("hosts.new.kernel")).containsExactly(
                "genoa/4.20", "genoa/4.21", "genoa/4.22", "icelake-server/4.20", "icelake-server/4.21",
                "icelake-server/4.22");
        assertThat(m.at(4).index()).isEqualTo(4);
    }

    @Test
    void noOptionsIsOnePlainCase() {
        Matrix none = Matrix.none();
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.size()).isEqualTo(1);
        assertThat(none.at(0).assignments()).isEmpty();
        assertThat(none.indexes(Shard.ALL)).containsExactly(0);
    }

    @Test
    void allExpandsToTheBuiltInModels() {
        ModelCatalog models = new ModelCatalog();
        assertThat(dim("cpu=all").values()).extracting(Assignment::text).containsExactlyElementsOf(CpuCatalog.BUILTIN);
        assertThat(dim("hosts.old.cpu=all").values()).hasSize(CpuCatalog.BUILTIN.size());
        assertThat(dim("hosts.new.kernel=all").values()).extracting(Assignment::text)
                .containsExactlyElementsOf(models.kernelVersions());
        assertThat(dim("guests.linux-5.6.kernel=all").values()).extracting(Assignment::text)
                .containsExactlyElementsOf(models.guestIds());
        assertThat(dim("guests.g.vmm.cpu-model=all").values()).extracting(Assignment::text)
                .containsAll(models.vmmCpuNames()).contains("host-passthrough");
        assertThat(matrix("cpu=all", "hosts.new.kernel=all", "guests.rhel7.kernel=all").size())
                .isEqualTo((long) CpuCatalog.BUILTIN.size() * models.kernelVersions().size() * models.guestIds().size());
        assertThatThrownBy(() -> dim("steps=all")).isInstanceOf(InputException.class)
                .hasMessageContaining("'all' is defined only for cpu, hosts.NAME.cpu");
    }

    @Test
    void valuesSplitOutsideBracketsAndQuotes() {
        assertThat(dim("hosts.new.patches=[],[a, b],[c]").values()).extracting(Assignment::text)
                .containsExactly("[]", "[a, b]", "[c]");
        assertThat(dim("x={dump: a.txt}, 'b,c'").values()).extracting(Assignment::text)
                .containsExactly("{dump: a.txt}", "'b,c'");
        assertThatThrownBy(() -> dim("cpu=genoa,,icelake-server")).hasMessageContaining("empty value");
        assertThatThrownBy(() -> dim("cpu=genoa,genoa")).hasMessageContaining("value 'genoa' given twice");
        assertThatThrownBy(() -> dim("cpu")).hasMessageContaining("expected PATH=V1,V2");
    }

    @Test
    void aPathOnlyOnce() {
        assertThatThrownBy(() -> new Matrix(List.of(Assignment.parse("--set", "cpu=genoa")), List.of(dim("cpu=all"))))
                .hasMessageContaining("path 'cpu' is given more than once");
    }

    @Test
    void boundedNumberOfCasesPerRun() {
        List<Dimension> dims = new ArrayList<>();
        for (int d = 0; d < 5; d++) {
            dims.add(dim("x" + d + "=" + String.join(",", IntStream.range(0, 7).mapToObj(i -> "v" + i).toList())));
        }
        Matrix big = new Matrix(List.of(), dims);    // 7^5 = 16,807 cases
        assertThatThrownBy(() -> big.indexes(Shard.ALL)).isInstanceOf(InputException.class)
                .hasMessageContaining("the matrix has 16,807 cases, more than the limit of 10,000 per run")
                .hasMessageContaining("--shard");
        assertThat(big.indexes(new Shard(1, 2))).hasSize(8404);
        assertThat(big.indexes(new Shard(2, 2))).hasSize(8403).startsWith(1, 3, 5);
    }

    @Test
    void shardsCountTheCasesOfEarlierDocuments() {
        Matrix one = new Matrix(List.of(), List.of());                 // a document without --set/--matrix: 1 case
        // Five single-case documents in four shards: documents 0 and 4 in shard 1, document 1 in shard 2, ...
        assertThat(one.indexes(new Shard(1, 4), 0)).containsExactly(0);
        assertThat(one.indexes(new Shard(2, 4), 0)).isEmpty();
        assertThat(one.indexes(new Shard(2, 4), 1)).containsExactly(0);
        assertThat(one.indexes(new Shard(1, 4), 4)).containsExactly(0);
        // A 3-case matrix after 5 cases in 2 shards: the run's cases 5, 6, 7 are its 0 (shard 2), 1 (shard 1), 2.
        Matrix three = new Matrix(List.of(), List.of(dim("p=a,b,c")));
        assertThat(three.indexes(new Shard(1, 2), 5)).containsExactly(1);
        assertThat(three.indexes(new Shard(2, 2), 5)).containsExactly(0, 2);
    }

    /** Every matrix of 1..4 x 1..6 values with every shard count 1..9. */
    static java.util.stream.Stream<Arguments> matricesAndShardCounts() {
        return IntStream.rangeClosed(1, 4).boxed().flatMap(a -> IntStream.rangeClosed(1, 6).boxed()
                .flatMap(b -> IntStream.rangeClosed(1, 9).mapToObj(count -> Arguments.of(a, b, count))));
    }

    @ParameterizedTest(name = "{0}x{1} values in {2} shards")
    @MethodSource("matricesAndShardCounts")
    void shardsPartitionTheCases(int a, int b, int count) {
        Matrix m = new Matrix(List.of(), List.of(
                dim("p=" + String.join(",", IntStream.range(0, a).mapToObj(i -> "a" + i).toList())),
                dim("q=" + String.join(",", IntStream.range(0, b).mapToObj(i -> "b" + i).toList()))));
        Set<Integer> seen = new HashSet<>();
        for (int i = 1; i <= count; i++) {
            Shard shard = new Shard(i, count);
            List<Integer> mine = m.indexes(shard);
            assertThat(mine).isSorted().allMatch(shard::includes);
            for (int k : mine) {
                assertThat(seen.add(k)).as("case %d in two shards", k).isTrue();
            }
        }
        assertThat(seen).hasSize(a * b);
    }

    @Test
    void shardSpecs() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse("2/4")).hasToString("2/4");
        for (String bad : List.of("0/4", "5/4", "1/0", "x", "1/", "/2", "1/2/3", "-1/2")) {
            assertThatThrownBy(() -> Shard.parse(bad)).as(bad).isInstanceOf(InputException.class);
        }
    }
}

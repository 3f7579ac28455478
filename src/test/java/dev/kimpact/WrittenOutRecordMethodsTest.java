package dev.kimpact;

import dev.kimpact.diag.Location;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records whose equals and hashCode are written out (start-up, docs/PERFORMANCE.md) behave as the generated ones
 * would: equal exactly when every component is, and the generated hash ({@code h = 31 * h + hash(component)} from 0),
 * so that a component added later and left out of them fails here.
 */
class WrittenOutRecordMethodsTest {

    @ParameterizedTest
    @ValueSource(classes = {Finding.class, Location.class})
    void equalsAndHashCodeCoverEveryComponentAsTheGeneratedOnesWould(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Constructor<?> canonical = type.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        Object[] base = Arrays.stream(components).map(c -> value(c.getType(), 0)).toArray();
        Object one = canonical.newInstance(base);
        Object same = canonical.newInstance(base.clone());

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(null).isNotEqualTo("x");
        assertThat(one.hashCode()).isEqualTo(generatedHash(one, components));
        for (int i = 0; i < components.length; i++) {
            Object[] args = base.clone();
            args[i] = value(components[i].getType(), 1);
            Object other = canonical.newInstance(args);
            assertThat(other).as("differs in " + components[i].getName()).isNotEqualTo(one);
            assertThat(one).as("differs in " + components[i].getName()).isNotEqualTo(other);
            assertThat(other.hashCode()).isEqualTo(generatedHash(other, components));
            if (!components[i].getType().isPrimitive()) {
                args[i] = null;
                Object withNull = canonical.newInstance(args);
                assertThat(withNull).isEqualTo(canonical.newInstance(args.clone())).isNotEqualTo(one);
                assertThat(withNull.hashCode()).isEqualTo(generatedHash(withNull, components));
            }
        }
    }

    private static int generatedHash(Object record, RecordComponent[] components) throws Exception {
        int h = 0;
        for (RecordComponent c : components) {
            h = 31 * h + Objects.hashCode(c.getAccessor().invoke(record));
        }
        return h;
    }

    /** Two distinct values ({@code which} 0 or 1) of a component type. */
    private static Object value(Class<?> t, int which) {
        if (t == String.class) {
            return which == 0 ? "a" : "b";
        }
        if (t == int.class) {
            return which == 0 ? 1 : 2;
        }
        if (t == Severity.class) {
            return which == 0 ? Severity.ERROR : Severity.WARNING;
        }
        if (t == Map.class) {
            return which == 0 ? Map.of("k", "v") : Map.of();   // a null map is made empty: base not empty
        }
        if (t == Location.class) {
            return new Location("f", which + 1, 3);
        }
        throw new IllegalArgumentException("no test values for " + t);
    }
}

package dev.kimpact.diagram;

import dev.kimpact.xsave.Layout;

import java.util.List;

/** A layout with the lines drawn above it ({@code guest_fpu}, {@code XCOMP_BV 0x2ff (...)}). */
public record Titled(List<String> title, Layout layout) {

    public Titled {
        title = List.copyOf(title);
    }
}

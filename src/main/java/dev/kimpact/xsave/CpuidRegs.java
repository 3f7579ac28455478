package dev.kimpact.xsave;

/** The four output registers of one CPUID leaf/sub-leaf. */
public record CpuidRegs(int eax, int ebx, int ecx, int edx) {

    public static final CpuidRegs ZERO = new CpuidRegs(0, 0, 0, 0);

    public boolean bit(Reg reg, int bit) {
        return ((get(reg) >>> bit) & 1) != 0;
    }

    public int get(Reg reg) {
        return switch (reg) {
            case EAX -> eax;
            case EBX -> ebx;
            case ECX -> ecx;
            case EDX -> edx;
        };
    }

    public enum Reg { EAX, EBX, ECX, EDX }

    @Override
    public String toString() {
        return String.format("%08X-%08X-%08X-%08X", eax, ebx, ecx, edx);
    }
}

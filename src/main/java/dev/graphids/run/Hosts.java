package dev.graphids.run;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's host name, as journals record it. */
public final class Hosts {
    private static final String NAME = lookup();

    private Hosts() {
    }

    public static String name() {
        return NAME;
    }

    private static String lookup() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}

package dev.berth.e2e;

import dev.berth.testkit.PortableImage;

/** The portable images the end-to-end tests deploy: small busybox services that say their version. */
final class Images {
    private Images() {}

    /** hello.service: an http server on 127.0.0.1:PORT answering "hello VERSION". */
    static PortableImage hello(String version, int port) {
        return PortableImage.named("hello")
                .version(version)
                .service("hello", "/usr/bin/busybox httpd -f -p 127.0.0.1:" + port + " -h /usr/lib/www")
                .file("usr/lib/www/index.html", "hello " + version + "\n");
    }

    /**
     * web.socket on 127.0.0.1:PORT with Accept=yes, activating one web@.service per connection: busybox httpd in
     * inetd mode answering "web VERSION".
     */
    static PortableImage web(String version, int port) {
        return PortableImage.named("web")
                .version(version)
                .unit(
                        "web.socket",
                        "[Unit]\nDescription=web socket\n\n[Socket]\nListenStream=127.0.0.1:" + port
                                + "\nAccept=yes\n\n[Install]\nWantedBy=sockets.target\n")
                .unit("web@.service", """
                        [Unit]
                        Description=web connection

                        [Service]
                        ExecStart=/usr/bin/busybox httpd -i -h /usr/lib/www
                        StandardInput=socket
                        """)
                .file("usr/lib/www/index.html", "web " + version + "\n");
    }

    /** idle.service: sleeps; needs nothing, so it runs under every profile. */
    static PortableImage idle(String name, String version) {
        return PortableImage.named(name).version(version).service(name, "/usr/bin/busybox sleep 1000000");
    }

    /**
     * NAME.service with StateDirectory=NAME: writes "data VERSION" to /var/lib/NAME/data, then sleeps. The image
     * holds the directory the state is mounted on.
     */
    static PortableImage keeper(String name, String version) {
        return PortableImage.named(name)
                .version(version)
                .unit(name + ".service", """
                        [Unit]
                        Description=keeps state in /var/lib/%1$s

                        [Service]
                        StateDirectory=%1$s
                        ExecStart=/usr/bin/busybox sh -c 'echo data %2$s > /var/lib/%1$s/data && exec /usr/bin/busybox sleep 1000000'

                        [Install]
                        WantedBy=multi-user.target
                        """.formatted(name, version))
                .file("var/lib/" + name + "/README", "the state directory is mounted here\n");
    }

    /** A hello whose service starts, then exits with status 1 a second later: a bad release. */
    static PortableImage brokenHello(String version) {
        return PortableImage.named("hello")
                .version(version)
                .service(
                        "hello",
                        "/usr/bin/busybox sh -c 'sleep 1; echo hello " + version
                                + " cannot start: missing configuration >&2; exit 1'");
    }

    /** hello with 6 MB of incompressible filler, so a download takes several blocks and can be cut in the middle. */
    static PortableImage largeHello(String version, int port) {
        byte[] noise = new byte[4_500_000];
        new java.util.Random(version.hashCode()).nextBytes(noise);
        return hello(version, port)
                .file("usr/share/filler.txt", java.util.Base64.getEncoder().encodeToString(noise));
    }
}

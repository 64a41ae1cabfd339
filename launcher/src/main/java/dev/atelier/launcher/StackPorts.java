package dev.atelier.launcher;

import java.util.EnumMap;
import java.util.Map;

import dev.atelier.infra.Infrastructure;

/** Every port the stack listens on. */
public record StackPorts(Map<Service, Integer> services, Infrastructure.Ports infrastructure) {

    /** The documented local ports (README): gateway 8080, services 8081–8084, infrastructure 55432/59092/59000. */
    public static StackPorts defaults(int gatewayPort) {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        ports.put(Service.GATEWAY, gatewayPort);
        ports.put(Service.AUTH, 8081);
        ports.put(Service.IMAGE, 8082);
        ports.put(Service.GALLERY, 8083);
        ports.put(Service.WORKER, 8084);
        return new StackPorts(ports, new Infrastructure.Ports(55432, 59092, 59093, 59000));
    }

    /** Free ports everywhere: for tests that run beside a local stack. */
    public static StackPorts free() {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, Infrastructure.freePort());
        }
        return new StackPorts(ports, Infrastructure.Ports.free());
    }

    public int of(Service service) {
        return services.get(service);
    }
}

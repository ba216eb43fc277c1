package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.model.VehicleEntity;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where changes to carriers' vehicle registers come in: each runs in its own transaction
 * ({@link VehicleRegisterApplicationService}), and a refused one is recorded in the audit trail in another.
 */
@ApplicationScoped
public class VehicleRegisterCommands {
    private final VehicleRegisterApplicationService register;
    private final AuditTrail audit;

    public VehicleRegisterCommands(VehicleRegisterApplicationService register, AuditTrail audit) {
        this.register = register;
        this.audit = audit;
    }

    public Uni<VehicleEntity> register(String carrierId, String plate, Caller caller) {
        return audit.recordingRefusals(
                register.register(carrierId, plate, caller),
                caller,
                "vehicle.register",
                "carriers/" + carrierId + "/vehicles");
    }

    public Uni<VehicleEntity> deregister(String carrierId, String plate, String reason, Caller caller) {
        return audit.recordingRefusals(
                register.deregister(carrierId, plate, reason, caller),
                caller,
                "vehicle.deregister",
                "carriers/" + carrierId + "/vehicles/" + plate);
    }
}

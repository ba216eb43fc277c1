package io.borderflow.support.error;

import java.util.List;
import java.util.Map;

/**
 * A caller whose token is valid and whose role may call the RPC, but whose claims do not cover this resource (a border
 * operator writing to another checkpoint, a carrier asking for another carrier's truck). The message names the
 * resource asked for, nothing about what is there.
 */
public class PermissionDeniedException extends DomainException {

    public PermissionDeniedException(String reason, String message) {
        super(ErrorKind.PERMISSION_DENIED, reason, message, Map.of(), List.of());
    }
}

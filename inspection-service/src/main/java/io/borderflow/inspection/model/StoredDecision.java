package io.borderflow.inspection.model;

import java.util.List;

/** A declaration with its decision, as read back. */
public record StoredDecision(
        DeclarationEntity declaration,
        DeclarationContent content,
        DecisionEntity decision,
        List<DecisionReason> reasons) {

    /** One reason of a stored decision. */
    public record DecisionReason(String ruleId, String ruleText, int weight, String evidence) {}
}

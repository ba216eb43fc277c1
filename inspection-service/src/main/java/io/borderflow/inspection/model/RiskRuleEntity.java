package io.borderflow.inspection.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A risk rule of one ruleset version. */
@Entity
@Table(name = "risk_rule")
public class RiskRuleEntity {
    /** {@code <version>/<rule_id>}. */
    @Id
    public String id;
    public long rulesetVersion;
    public int ordinal;
    public String ruleId;
    public String description;
    public int weight;
    public String minimumChannel;
    public String conditionKind;
    public String conditionListId;
    public String conditionValues;
}

package io.borderflow.inspection.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One version of a risk ruleset; its rules and goods lists are rows of their own. */
@Entity
@Table(name = "ruleset")
public class RulesetEntity {
    public static final String ACTIVE = "ACTIVE";

    @Id
    public long version;
    public String displayName;
    public String description;
    public String state;
    public OffsetDateTime createTime;
    public OffsetDateTime activateTime;
    public int yellowFromScore;
    public int redFromScore;
    public double randomSampleRate;
    public String randomSampleBasis;
    public String seedSha256;
}

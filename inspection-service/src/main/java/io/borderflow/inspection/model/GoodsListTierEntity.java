package io.borderflow.inspection.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One tier of a goods list, with its HS-6 codes (comma-separated). */
@Entity
@Table(name = "goods_list_tier")
public class GoodsListTierEntity {
    /** {@code <goods_list id>/<tier>}. */
    @Id
    public String id;
    public String goodsListId;
    public int ordinal;
    public String tier;
    public String description;
    public String hsCodes;
    public String verification;
}

package io.borderflow.inspection.model;

import java.util.List;

/** A declaration's content as submitted (without its name and submit time), stored as JSON. */
public record DeclarationContent(
        List<GoodsLine> goodsLines,
        Party consignor,
        Party consignee,
        String carrierId,
        String vehiclePlate,
        String originCountryCode,
        List<String> transitCountryCodes,
        String destinationCountryCode,
        String checkpointId,
        boolean traderAeo,
        List<PartnerInspection> partnerInspections) {

    public record GoodsLine(
            String hsCode,
            String description,
            String brand,
            double quantity,
            String quantityUnit,
            double netWeightKg,
            double customsValue,
            String currency,
            String originCountryCode) {}

    public record Party(String name, String countryCode) {}

    /** {@code inspectTime} as ISO-8601, or null. */
    public record PartnerInspection(String administrationCountryCode, String reference, String inspectTime) {}
}

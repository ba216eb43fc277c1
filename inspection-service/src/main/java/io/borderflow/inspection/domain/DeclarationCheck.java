package io.borderflow.inspection.domain;

import io.borderflow.inspection.model.DeclarationContent;
import io.borderflow.inspection.model.DeclarationContent.GoodsLine;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.paging.ResourceNames;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Every problem of a submitted declaration, one field violation each (field paths as the partner wrote them). */
public final class DeclarationCheck {
    public static final int MAX_GOODS_LINES = 200;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());
    private static final Pattern HS = Pattern.compile("[0-9]{6,10}");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern CARRIER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern PLATE = Pattern.compile("[A-Za-z0-9 -]{2,16}");
    private static final Pattern CHECKPOINT_ID = Pattern.compile(ResourceNames.ID_REGEX);

    private DeclarationCheck() {}

    /** The problems of a submission: its request id and its declaration. */
    public static List<FieldViolation> problems(String requestId, DeclarationContent d) {
        List<FieldViolation> problems = new ArrayList<>();
        require(
                problems,
                requestId != null && REQUEST_ID.matcher(requestId).matches(),
                "request_id",
                "8 to 64 letters, digits, '-' or '_'");
        problems.addAll(problems(d));
        return problems;
    }

    /** The problems of a declaration's content. */
    public static List<FieldViolation> problems(DeclarationContent d) {
        List<FieldViolation> problems = new ArrayList<>();
        String at = "declaration.";
        List<GoodsLine> lines = d.goodsLines() == null ? List.of() : d.goodsLines();
        require(
                problems,
                !lines.isEmpty() && lines.size() <= MAX_GOODS_LINES,
                at + "goods_lines",
                "1 to " + MAX_GOODS_LINES + " goods lines are required");
        for (int i = 0; i < Math.min(lines.size(), MAX_GOODS_LINES); i++) {
            GoodsLine line = lines.get(i);
            String l = at + "goods_lines[" + i + "].";
            require(
                    problems,
                    line.hsCode() != null && HS.matcher(line.hsCode()).matches(),
                    l + "hs_code",
                    "6 to 10 digits");
            text(problems, l + "description", line.description(), 1, 512);
            text(problems, l + "brand", line.brand(), 0, 128);
            range(problems, l + "quantity", line.quantity(), false, 1e9);
            text(problems, l + "quantity_unit", line.quantityUnit(), 1, 16);
            range(problems, l + "net_weight_kg", line.netWeightKg(), false, 100_000);
            range(problems, l + "customs_value", line.customsValue(), true, 1e12);
            require(
                    problems,
                    line.currency() != null && CURRENCIES.contains(line.currency()),
                    l + "currency",
                    "an ISO 4217 currency code, e.g. USD");
            country(problems, l + "origin_country_code", line.originCountryCode());
        }
        party(problems, at + "consignor", d.consignor());
        party(problems, at + "consignee", d.consignee());
        require(
                problems,
                d.carrierId() != null && CARRIER.matcher(d.carrierId()).matches(),
                at + "carrier_id",
                "1 to 64 letters, digits, '.', '-' or '_'");
        require(
                problems,
                d.vehiclePlate() != null && PLATE.matcher(d.vehiclePlate()).matches(),
                at + "vehicle_plate",
                "2 to 16 letters, digits, spaces or hyphens");
        country(problems, at + "origin_country_code", d.originCountryCode());
        country(problems, at + "destination_country_code", d.destinationCountryCode());
        List<String> transit = d.transitCountryCodes() == null ? List.of() : d.transitCountryCodes();
        require(problems, transit.size() <= 20, at + "transit_country_codes", "at most 20 countries");
        for (int i = 0; i < Math.min(transit.size(), 20); i++) {
            country(problems, at + "transit_country_codes[" + i + "]", transit.get(i));
        }
        require(
                problems,
                d.checkpointId() != null
                        && CHECKPOINT_ID.matcher(d.checkpointId()).matches(),
                at + "checkpoint",
                "a checkpoint name such as checkpoints/zhaisan");
        var inspections = d.partnerInspections() == null
                ? List.<DeclarationContent.PartnerInspection>of()
                : d.partnerInspections();
        require(problems, inspections.size() <= 10, at + "partner_inspections", "at most 10 partner inspections");
        for (int i = 0; i < Math.min(inspections.size(), 10); i++) {
            country(
                    problems,
                    at + "partner_inspections[" + i + "].administration_country_code",
                    inspections.get(i).administrationCountryCode());
            text(
                    problems,
                    at + "partner_inspections[" + i + "].reference",
                    inspections.get(i).reference(),
                    1,
                    128);
        }
        return problems;
    }

    private static void party(List<FieldViolation> problems, String at, DeclarationContent.Party party) {
        if (party == null) {
            problems.add(new FieldViolation(at, "required"));
            return;
        }
        text(problems, at + ".name", party.name(), 1, 256);
        country(problems, at + ".country_code", party.countryCode());
    }

    private static void country(List<FieldViolation> problems, String field, String code) {
        require(
                problems,
                code != null && COUNTRIES.contains(code),
                field,
                "an ISO 3166-1 alpha-2 country code, e.g. KZ");
    }

    private static void text(List<FieldViolation> problems, String field, String value, int min, int max) {
        int length = value == null ? 0 : value.length();
        require(problems, length >= min && length <= max, field, min + " to " + max + " characters");
    }

    private static void range(
            List<FieldViolation> problems, String field, double value, boolean zeroAllowed, double max) {
        boolean ok = Double.isFinite(value) && (zeroAllowed ? value >= 0 : value > 0) && value <= max;
        require(problems, ok, field, (zeroAllowed ? "from 0" : "greater than 0") + " and at most " + max);
    }

    private static void require(List<FieldViolation> problems, boolean condition, String field, String description) {
        if (!condition) {
            problems.add(new FieldViolation(field, description));
        }
    }
}

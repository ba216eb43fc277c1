package io.borderflow.localrun;

import io.borderflow.support.security.DevTokenIssuer;
import io.borderflow.support.security.Roles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./token ROLE [--carrier ID] [--checkpoints ID,ID] [--administration CC] [--subject NAME] [--hours N]}: prints a token of the local
 * run's development issuer, for pasting into grpcurl's {@code authorization: Bearer} header.
 */
public final class TokenCommand {
    private TokenCommand() {}

    public static void main(String[] args) {
        try {
            System.out.println(token(args, Path.of(System.getProperty("borderflow.root", "."))));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    static String token(String[] args, Path root) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            throw new IllegalArgumentException(usage());
        }
        List<String> roles = Arrays.asList(args[0].split(","));
        for (String role : roles) {
            if (!Roles.all().contains(role)) {
                throw new IllegalArgumentException("unknown role '" + role + "'\n" + usage());
            }
        }
        String subject = "local-" + String.join("-", roles);
        String carrier = null;
        String administration = null;
        List<String> checkpoints = new ArrayList<>();
        long hours = 12;
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(args[i] + " needs a value\n" + usage());
            }
            switch (args[i]) {
                case "--carrier" -> carrier = value;
                case "--administration" -> administration = value;
                case "--checkpoints" -> checkpoints.addAll(Arrays.asList(value.split(",")));
                case "--subject" -> subject = value;
                case "--hours" -> hours = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
            }
            i++;
        }
        Path dataDir = Path.of(System.getenv()
                .getOrDefault("BORDERFLOW_DATA_DIR", root.resolve(".local").toString()));
        DevTokenIssuer.Token token = DevTokenIssuer.inFolder(dataDir.resolve(SuiteSettings.ISSUER_FOLDER))
                .token(subject)
                .roles(roles.toArray(String[]::new))
                .valid(Instant.now(), Instant.now().plus(Duration.ofHours(hours)));
        if (carrier != null) {
            token.carrier(carrier);
        }
        if (!checkpoints.isEmpty()) {
            token.checkpoints(checkpoints);
        }
        if (administration != null) {
            token.administration(administration);
        }
        return token.sign();
    }

    private static String usage() {
        return "usage: ./token ROLE[,ROLE] [--carrier ID] [--checkpoints ID,ID] [--administration CC] [--subject NAME] [--hours N]\n"
                + "roles: " + String.join(", ", Roles.all());
    }
}

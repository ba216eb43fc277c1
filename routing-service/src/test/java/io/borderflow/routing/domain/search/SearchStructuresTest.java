package io.borderflow.routing.domain.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The search's own data structures against the plain ones they replace: the open queue against a
 * {@code PriorityQueue}, the lower bounds' heap, the per-place label sets against their rule, the shared sets of
 * places visited against a {@code BitSet} per route, and the network's flat arcs against its lists.
 */
class SearchStructuresTest {
    private static final Comparator<Label> OPEN_ORDER = Comparator.<Label>comparingLong(l -> l.priority)
            .thenComparingDouble(l -> l.fixedCost)
            .thenComparingLong(l -> l.seq);

    private static Label label(long time, double fixedCost, double noRefusal, long driving) {
        return new Label(null, null, 0, 0, time, fixedCost, noRefusal, 1, 0, driving, 0, Label.noPlaces(1));
    }

    @Test
    void theOpenQueueGivesLabelsInTheOrderOfAPriorityQueueOnPriorityCostAndSeq() {
        Random random = new Random(7);
        LabelQueue queue = new LabelQueue();
        PriorityQueue<Label> reference = new PriorityQueue<>(OPEN_ORDER);
        List<Label> fromQueue = new ArrayList<>();
        List<Label> fromReference = new ArrayList<>();
        long seq = 0;
        long floor = 0;
        for (int step = 0; step < 50_000; step++) {
            if (random.nextInt(3) > 0 || reference.isEmpty()) {
                // few distinct priorities and costs, so that ties on both are common; the search adds in seq order
                Label label = label(0, random.nextInt(4) * 0.5, 1, 0);
                label.priority = floor + random.nextInt(20);
                label.seq = seq++;
                queue.add(label);
                reference.add(label);
            } else {
                Label polled = queue.poll();
                fromQueue.add(polled);
                fromReference.add(reference.poll());
                floor = polled.priority;
            }
        }
        while (!reference.isEmpty()) {
            fromQueue.add(queue.poll());
            fromReference.add(reference.poll());
        }
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.poll()).isNull();
        assertThat(fromQueue).hasSizeGreaterThan(30_000).containsExactlyElementsOf(fromReference);
    }

    @Test
    void theCostKeyOrdersAsDoubleCompare() {
        Random random = new Random(11);
        List<Double> values = new ArrayList<>(List.of(
                0.0,
                -0.0,
                1e-300,
                -1e-300,
                Double.MAX_VALUE,
                -Double.MAX_VALUE,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                6250.0,
                6250.000000001));
        for (int i = 0; i < 2000; i++) {
            values.add((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12)));
        }
        for (double a : values) {
            for (double b : values.subList(0, 60)) {
                assertThat(Long.signum(Long.compare(LabelQueue.costKey(a), LabelQueue.costKey(b))))
                        .as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(Double.compare(a, b)));
            }
        }
    }

    @Test
    void theLowerBoundsHeapGivesEveryPlaceLeastDistanceFirst() {
        Random random = new Random(3);
        PlaceQueue queue = new PlaceQueue(4);
        PriorityQueue<double[]> reference = new PriorityQueue<>(Comparator.comparingDouble((double[] e) -> e[0]));
        for (int i = 0; i < 10_000; i++) {
            double key = random.nextInt(500) * 1.5;
            queue.add(i, key);
            reference.add(new double[] {key, i});
        }
        BitSet seen = new BitSet();
        while (!reference.isEmpty()) {
            int place = queue.poll();
            assertThat(queue.polledKey()).isEqualTo(reference.poll()[0]);
            seen.set(place);
        }
        assertThat(queue.isEmpty()).isTrue();
        assertThat(seen.cardinality()).isEqualTo(10_000);
    }

    @Test
    void aLabelSetKeepsWhatNoKeptLabelBeatsDropsWhatTheNewOneDominatesAndEvictsTheWorst() {
        LabelSet set = new LabelSet(3);
        Label a = label(100, 50, 0.99, 10);
        a.cost = 60;
        set.add(a);
        // within the epsilons of a on every criterion: a is no worse
        assertThat(set.anyNoWorseThan(95, 58, 0.0105, 5, 10, 5, 0.001, true)).isTrue();
        // better than a by more than the time epsilon
        assertThat(set.anyNoWorseThan(80, 58, 0.0105, 5, 10, 5, 0.001, true)).isFalse();
        // a has driven longer: only counts when driving is compared
        assertThat(set.anyNoWorseThan(100, 60, a.refusalRisk(), 0, 5, 0, 0, true))
                .isFalse();
        assertThat(set.anyNoWorseThan(100, 60, a.refusalRisk(), 0, 5, 0, 0, false))
                .isTrue();

        Label b = label(200, 10, 0.99, 10);
        b.cost = 30;
        set.add(b);
        Label c = label(90, 10, 0.995, 5);
        c.cost = 55;
        set.removeDominatedBy(c, true);
        assertThat(a.removed).isTrue();
        assertThat(b.removed).isFalse();
        assertThat(set.labels()).containsExactly(b);
        set.add(c);
        Label d = label(300, 5, 0.99, 0);
        d.cost = 20;
        set.add(d);
        Label e = label(150, 5, 0.99, 0);
        e.cost = 40;
        set.add(e);
        assertThat(set.labels()).containsExactly(b, c, d, e);
        Label evicted = set.evictWorst(Comparator.comparingLong(l -> l.time));
        assertThat(evicted).isSameAs(d);
        assertThat(d.removed).isTrue();
        assertThat(set.labels()).containsExactly(b, c, e);
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.get(2)).isSameAs(e);
    }

    @Test
    void theSharedSetsOfPlacesVisitedAgreeWithABitSetPerRouteAndNeverChangeAParentsSet() {
        int places = 10_000;
        Random random = new Random(5);
        List<long[][]> sets = new ArrayList<>();
        List<BitSet> reference = new ArrayList<>();
        long[][] start = Label.visit(Label.noPlaces(places), 0);
        sets.add(start);
        BitSet first = new BitSet();
        first.set(0);
        reference.add(first);
        for (int i = 0; i < 3000; i++) {
            int parent = random.nextInt(sets.size());
            int place = random.nextInt(places);
            sets.add(Label.visit(sets.get(parent), place));
            BitSet child = (BitSet) reference.get(parent).clone();
            child.set(place);
            reference.add(child);
        }
        for (int i = 0; i < sets.size(); i += 7) {
            for (int place = 0; place < places; place++) {
                boolean member = isSet(sets.get(i), place);
                if (member != reference.get(i).get(place)) {
                    throw new AssertionError("set " + i + " place " + place + ": " + member);
                }
            }
        }
        assertThat(isSet(start, 0)).isTrue();
        assertThat(reference.get(0).cardinality()).isEqualTo(1);
    }

    @Test
    void aLabelWorksOutItsPlacesFromItsParentsWhenFirstAsked() {
        Network network = TinyNetworks.builder()
                .city("a", "KZ")
                .city("b", "KZ")
                .city("c", "KZ")
                .road("a", "b", 10, 1)
                .road("b", "c", 10, 1)
                .build();
        int a = network.index("a");
        int b = network.index("b");
        int c = network.index("c");
        Label start = new Label(null, null, a, 0, 0, 0, 1, 1, 0, 0, 0, Label.visit(Label.noPlaces(3), a));
        Label atB = new Label(start, network.arcsFrom(a).get(0), b, 0, 1, 0, 1, 1, 0, 0, 1, null);
        Label atC = new Label(atB, network.arcsFrom(b).get(1), c, 0, 2, 0, 1, 1, 0, 0, 2, null);
        assertThat(atC.hasVisited(a)).isTrue();
        assertThat(atC.hasVisited(b)).isTrue();
        assertThat(atC.hasVisited(c)).isTrue();
        assertThat(atB.hasVisited(c)).isFalse();
        assertThat(start.hasVisited(b)).isFalse();
    }

    @Test
    void theFlatArcsOfTheNetworkAreItsListsOfArcs() {
        Network network = TinyNetworks.builder()
                .city("a", "KZ")
                .city("b", "KZ")
                .city("c", "RU")
                .city("d", "RU")
                .road("a", "b", 10, 1)
                .road("b", "c", 10, 1)
                .road("a", "c", 30, 2)
                .road("c", "d", 5, 1)
                .build();
        int total = 0;
        for (int node = 0; node < network.size(); node++) {
            List<Network.Arc> flat = new ArrayList<>();
            for (int at = network.firstArcFrom(node); at < network.firstArcFrom(node + 1); at++) {
                Network.Arc arc = network.outArc(at);
                assertThat(network.outTo(at)).isEqualTo(arc.to());
                assertThat(network.outId(at)).isEqualTo(arc.id());
                flat.add(arc);
            }
            assertThat(flat).containsExactlyElementsOf(network.arcsFrom(node));
            total += flat.size();
        }
        assertThat(total).isEqualTo(network.arcCount()).isEqualTo(8);
    }

    private static boolean isSet(long[][] visited, int place) {
        long[] chunk = visited[(place >>> 6) / Label.CHUNK_WORDS];
        return chunk != null && (chunk[(place >>> 6) % Label.CHUNK_WORDS] & (1L << (place & 63))) != 0;
    }
}

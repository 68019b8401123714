package org.hotcore.explorer.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rule 3 of the {@link IntegrityCheck}: following {@code p:} from any entity reaches a top-level id, without a cycle.
 *
 * <p>All chains started from one SCAN page move up one level per round trip, with no recursion, so a chain of any
 * depth works. A chain that reaches a node another open chain already visited is merged into that chain, so each
 * node is read once. A memo keeps the entities known to reach a top-level id and, with the reason, those known not
 * to, so later pages stop as soon as they reach a node seen before.
 */
final class ParentChains {

    private final IntegrityRun run;

    /** Entities and top-level ids known to reach a top-level id. */
    private final Set<String> reachesTop = new HashSet<>();
    /** Nodes known not to reach a top-level id, with the reason shared by their chain. */
    private final Map<String, Broken> broken = new HashMap<>();

    /** Why a chain reaches no top-level id. */
    private record Broken(String reason, IntegrityCheck.Kind kind) {
    }

    ParentChains(IntegrityRun run) {
        this.run = run;
    }

    /** The existence, parent pointer and children set of one node, as rule 3 reads them. */
    private record Node(boolean entity, String parentId, boolean hasChildren) {
    }

    /** Nodes followed from some start entities, ending together. */
    private static final class Chain {
        final List<String> nodes = new ArrayList<>();
        String tip;
        boolean merged;

        Chain(String start) {
            nodes.add(start);
            tip = start;
        }
    }

    /**
     * Checks the chains of the given entities, whose parent pointers were already read. A null parent means that
     * {@code p:} is missing, which rule 1 reports for the entity itself.
     */
    void check(Map<String, String> parentsOfEntities) {
        Map<String, Node> known = new HashMap<>();
        Map<String, Chain> owner = new HashMap<>();
        List<Chain> open = new ArrayList<>();
        for (Map.Entry<String, String> entity : parentsOfEntities.entrySet()) {
            String id = entity.getKey();
            known.put(id, new Node(true, entity.getValue(), false));
            if (!reachesTop.contains(id) && !broken.containsKey(id)) {
                Chain chain = new Chain(id);
                owner.put(id, chain);
                open.add(chain);
            }
        }
        while (!open.isEmpty()) {
            readNodes(open, known);
            List<Chain> next = new ArrayList<>();
            for (Chain chain : open) {
                if (!chain.merged && step(chain, known, owner)) {
                    next.add(chain);
                }
            }
            open = next;
        }
    }

    /** Reads existence, parent pointer and children set of every tip not read yet, in one round trip each. */
    private void readNodes(List<Chain> open, Map<String, Node> known) {
        List<String> unknown = new ArrayList<>();
        for (Chain chain : open) {
            String tip = chain.tip;
            if (!known.containsKey(tip) && !reachesTop.contains(tip) && !broken.containsKey(tip)) {
                unknown.add(tip);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        List<IntegrityRun.Reply<Boolean>> entities = run.pipelined("ancestors", unknown,
                (p, id) -> p.exists(Keys.entity(id)));
        List<IntegrityRun.Reply<byte[]>> parents = run.pipelined("ancestors' parents", unknown,
                (p, id) -> p.get(Keys.parent(id)));
        List<IntegrityRun.Reply<Boolean>> children = run.pipelined("ancestors' children", unknown,
                (p, id) -> p.exists(Keys.children(id)));
        for (int i = 0; i < unknown.size(); i++) {
            boolean entity = entities.get(i).isTrue();
            String parentId = parents.get(i).failed() ? null : Keys.text(parents.get(i).value());
            known.put(unknown.get(i), new Node(entity, parentId, children.get(i).isTrue()));
        }
    }

    /** Moves a chain one level up and returns true while it stays open. */
    private boolean step(Chain chain, Map<String, Node> known, Map<String, Chain> owner) {
        String tip = chain.tip;
        if (reachesTop.contains(tip)) {
            finishReachingTop(chain, owner);
            return false;
        }
        Broken inherited = broken.get(tip);
        if (inherited != null) {
            finishBroken(chain, inherited, null, owner);
            return false;
        }

        Node node = known.get(tip);
        if (!node.entity()) {
            if (HotcoreStore.ROOT.equals(tip) || node.hasChildren()) {
                finishReachingTop(chain, owner);
            } else {
                finishBroken(chain, new Broken("ends at '" + tip + "', which is neither an entity nor a top-level id",
                        IntegrityCheck.Kind.UNREACHABLE), tip, owner);
            }
            return false;
        }

        String parent = node.parentId();
        if (parent == null) {
            // Rule 1 reports the missing pointer of the tip itself; rule 3 reports the entities below it.
            finishBroken(chain, new Broken("stops at entity '" + tip + "', which has no parent pointer p:" + tip,
                    IntegrityCheck.Kind.UNREACHABLE), tip, owner);
            return false;
        }
        if (reachesTop.contains(parent)) {
            finishReachingTop(chain, owner);
            return false;
        }
        inherited = broken.get(parent);
        if (inherited != null) {
            finishBroken(chain, inherited, null, owner);
            return false;
        }

        Chain other = owner.get(parent);
        if (other == chain) {
            finishBroken(chain, new Broken("runs into a cycle of parent pointers through '" + parent + "'",
                    IntegrityCheck.Kind.CYCLE), null, owner);
            return false;
        }
        if (other != null) {
            // The parent is on another open chain, so this chain ends as that one does.
            other.nodes.addAll(chain.nodes);
            for (String id : chain.nodes) {
                owner.put(id, other);
            }
            chain.nodes.clear();
            chain.merged = true;
            return false;
        }

        owner.put(parent, chain);
        chain.nodes.add(parent);
        chain.tip = parent;
        return true;
    }

    private void finishReachingTop(Chain chain, Map<String, Chain> owner) {
        reachesTop.addAll(chain.nodes);
        chain.nodes.forEach(owner::remove);
        chain.nodes.clear();
    }

    /** Records a chain that reaches no top-level id. The node {@code end}, when not null, is not reported. */
    private void finishBroken(Chain chain, Broken reason, String end, Map<String, Chain> owner) {
        String fix = reason.kind() == IntegrityCheck.Kind.CYCLE
                ? "move the entity where the cycle closes under root"
                : "give the last entity of the chain a parent: add it to the children set its pointer names, or"
                        + " put it under root";
        for (String id : chain.nodes) {
            owner.remove(id);
            broken.put(id, reason);
            if (!id.equals(end)) {
                run.violation(3, reason.kind(), id, "following the parent pointers from '" + id + "' "
                        + reason.reason(), fix, IntegrityCheck.Subject.of(id, null), "p:" + id);
            }
        }
        chain.nodes.clear();
    }
}

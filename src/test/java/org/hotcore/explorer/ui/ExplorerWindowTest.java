package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fxRun;
import static org.hotcore.explorer.ui.ExplorerTestSupport.node;
import static org.hotcore.explorer.ui.ExplorerTestSupport.waitUntil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import org.hotcore.explorer.core.Bytes;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.Progress;
import org.hotcore.explorer.core.RedisConnection;
import org.hotcore.explorer.core.RedisSettings;
import org.hotcore.explorer.server.LocalRedisServer;
import org.hotcore.explorer.testing.RedisTestServer;
import org.hotcore.explorer.ui.model.AttributeRow;
import org.hotcore.explorer.ui.model.EntityNode;
import org.hotcore.explorer.ui.model.SearchModel;
import org.hotcore.explorer.ui.view.DetailsPane;
import org.hotcore.explorer.ui.view.ExplorerWindow;
import org.hotcore.explorer.ui.view.SearchPane;
import org.hotcore.explorer.ui.view.StyleClasses;
import org.hotcore.explorer.ui.view.TreeEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import redis.clients.jedis.Jedis;

/** The explorer window on the hotcore example database, with a few entities added for paging and byte values. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ExplorerWindowTest {

    private static final int BULK_CHILDREN = 600;
    private static final int PAIR_CHILDREN = 260;
    private static final int WIDE_FIELDS = 1_200;
    private static final byte[] RAW_VALUE = {(byte) 0xff, (byte) 0xfe, 'a', 0};

    private static LocalRedisServer server;
    private static String bulkId;
    private static String rawId;
    private static String wideId;
    private static String largeId;

    private ExplorerTestSupport explorer;

    @BeforeAll
    static void startServer() throws IOException {
        server = RedisTestServer.startWithFixture("example.rdb");
        try (RedisConnection connection = new RedisConnection(RedisSettings.parse(server.url()).build(),
                new CommandGuard(CommandGuard.DEFAULT_LIMIT))) {
            HotcoreStore store = new HotcoreStore(connection);
            bulkId = store.create(HotcoreStore.ROOT, attributes("name", "Bulk", "type", "container"));
            for (int i = 0; i < BULK_CHILDREN; i++) {
                store.create(bulkId, attributes("name", "Item " + i, "type", "item"));
            }
            String samples = store.create(HotcoreStore.ROOT, attributes("name", "Samples", "type", "container"));
            Map<Bytes, Bytes> raw = attributes("name", "Raw bytes", "type", "sample", "status", "new");
            raw.put(Bytes.utf8("blob"), Bytes.of(RAW_VALUE));
            rawId = store.create(samples, raw);
            Map<Bytes, Bytes> wide = attributes("name", "Wide", "type", "sample");
            for (int i = 0; i < WIDE_FIELDS; i++) {
                wide.put(Bytes.utf8("field" + i), Bytes.utf8("value" + i));
            }
            wideId = store.create(samples, wide);
            largeId = store.create(samples, attributes("name", "Large", "type", "sample", "raw_data",
                    "x".repeat(70 * 1024)));
            // Two siblings with more than a page of children each.
            List<HotcoreStore.NewEntity> pairs = new ArrayList<>();
            for (String pair : List.of("Pair A", "Pair B")) {
                int parent = pairs.size();
                pairs.add(HotcoreStore.NewEntity.under(samples, attributes("name", pair, "type", "container")));
                for (int i = 0; i < PAIR_CHILDREN; i++) {
                    pairs.add(HotcoreStore.NewEntity.underNew(parent, attributes("name", pair + " item " + i)));
                }
            }
            store.createAll(pairs, Progress.NONE, Cancellation.NEVER);
        }
    }

    private static Map<Bytes, Bytes> attributes(String... pairs) {
        Map<Bytes, Bytes> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(Bytes.utf8(pairs[i]), Bytes.utf8(pairs[i + 1]));
        }
        return map;
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Start
    void start(Stage stage) {
        explorer = ExplorerTestSupport.open(stage, server.url());
    }

    @AfterEach
    void closeWindow() {
        explorer.close();
    }

    private Jedis jedis() {
        return new Jedis(server.host(), server.port());
    }

    private String idOf(String name) {
        try (Jedis jedis = jedis()) {
            return jedis.smembers("i:name:" + name).iterator().next();
        }
    }

    @Test
    void topLevelIdsAreShown(FxRobot robot) {
        TreeItem<TreeEntry> root = explorer.awaitItem(robot, "root");

        assertThat(fx(() -> node(root).labelBinding().get())).isEqualTo("root (5)");
        assertThat(fx(root::isLeaf)).isFalse();
    }

    @Test
    void expandingContainersLoadsTheirChildren(FxRobot robot) {
        explorer.expand(robot, "root");

        TreeItem<TreeEntry> users = explorer.expand(robot, "Users");
        TreeItem<TreeEntry> projects = explorer.expand(robot, "Projects");
        TreeItem<TreeEntry> locations = explorer.expand(robot, "Locations");

        assertThat(fx(() -> users.getChildren().size())).isEqualTo(7);
        assertThat(fx(() -> projects.getChildren().size())).isEqualTo(12);
        assertThat(fx(() -> locations.getChildren().size())).isEqualTo(5);
        assertThat(fx(() -> node(locations).labelBinding().get())).isEqualTo("Locations (5)");
        TreeItem<TreeEntry> lagos = explorer.item(robot, "Lagos office");
        assertThat(fx(lagos::isLeaf)).isTrue();
        assertThat(explorer.cell(robot, lagos).getPseudoClassStates()).contains(StyleClasses.palette("office"))
                .doesNotContain(StyleClasses.palette("container"));
        assertThat(explorer.cell(robot, locations).getPseudoClassStates()).contains(StyleClasses.palette("container"))
                .doesNotContain(StyleClasses.palette("office"));
    }

    @Test
    void loadMoreReadsTheRestWithoutDuplicates(FxRobot robot) {
        explorer.expand(robot, "root");
        TreeItem<TreeEntry> bulk = explorer.expand(robot, "Bulk");

        assertThat(fx(() -> bulk.getChildren().size())).isEqualTo(251);
        TreeItem<TreeEntry> more = fx(() -> bulk.getChildren().getLast());
        assertThat(more.getValue()).isInstanceOf(TreeEntry.LoadMore.class);
        assertThat(explorer.loadMoreCell(robot, bulk).getText()).isEqualTo("Load more (350 left)");

        for (int page = 2; page <= 3; page++) {
            int before = fx(() -> bulk.getChildren().size());
            robot.clickOn(explorer.loadMoreCell(robot, bulk));
            waitUntil("page " + page + " is in", () -> bulk.getChildren().size() > before && !node(bulk).isLoading());
        }

        List<String> ids = fx(() -> bulk.getChildren().stream().map(ExplorerTestSupport::node)
                .map(EntityNode::getId).toList());
        assertThat(ids).hasSize(BULK_CHILDREN).doesNotHaveDuplicates();
        explorer.snapshot("load-more");
        try (Jedis jedis = jedis()) {
            assertThat(ids).containsExactlyInAnyOrderElementsOf(jedis.smembers("c:" + bulkId));
        }
    }

    @Test
    void pageAboveFocusKeepsFocus(FxRobot robot) {
        explorer.expand(robot, "root");
        explorer.expand(robot, "Samples");
        TreeView<TreeEntry> tree = explorer.tree(robot);
        TreeItem<TreeEntry> pairA = explorer.item(robot, "Pair A");
        TreeItem<TreeEntry> pairB = explorer.item(robot, "Pair B");
        // The set's order decides which of the two siblings comes first.
        boolean aFirst = fx(() -> tree.getRow(pairA) < tree.getRow(pairB));
        TreeItem<TreeEntry> upper = aFirst ? pairA : pairB;
        TreeItem<TreeEntry> lower = aFirst ? pairB : pairA;
        int lowerRow = fx(() -> tree.getRow(lower));
        fxRun(() -> tree.getSelectionModel().clearAndSelect(lowerRow));
        assertThat(fx(() -> tree.getFocusModel().getFocusedItem())).isSameAs(lower);

        // As a click on the arrow does: the selection and focus stay on the lower row, which the page pushes down.
        fxRun(() -> upper.setExpanded(true));
        waitUntil("the first page is in", () -> !node(upper).isLoading() && upper.getChildren().size() == 251);

        // The 250 rows of the page and the Load more row now lie above the lower row.
        int movedRow = lowerRow + 251;
        assertThat(fx(() -> tree.getRow(lower))).isEqualTo(movedRow);
        assertThat(fx(() -> tree.getFocusModel().getFocusedItem())).isSameAs(lower);
        assertThat(fx(() -> tree.getFocusModel().getFocusedIndex())).isEqualTo(movedRow);
        assertThat(fx(() -> tree.getSelectionModel().getSelectedItems())).containsExactly(lower);
        assertThat(fx(() -> tree.getSelectionModel().getSelectedIndex())).isEqualTo(movedRow);
    }

    @Test
    void selectingShowsTheAttributes(FxRobot robot) {
        explorer.expand(robot, "root");
        explorer.expand(robot, "Users");
        explorer.select(robot, "Hana Sato");
        TableView<AttributeRow> table = attributeTable(robot);

        waitUntil("the attributes are shown", () -> table.getItems().size() == 5);

        String id = idOf("Hana Sato");
        assertThat(robot.lookup("#" + DetailsPane.UUID_FIELD_ID).queryTextInputControl().getText()).isEqualTo(id);
        assertThat(fx(() -> table.getItems().stream().map(AttributeRow::displayName).toList()))
                .containsExactlyInAnyOrder("name", "email", "type", "role", "status");
        FlowPane breadcrumb = robot.lookup("#" + DetailsPane.BREADCRUMB_ID).queryAs(FlowPane.class);
        assertThat(fx(() -> breadcrumb.getChildren().stream().filter(Hyperlink.class::isInstance)
                .map(link -> ((Hyperlink) link).getText()).toList())).containsExactly("root", "Users", "Hana Sato");
        assertThat(robot.lookup("#" + DetailsPane.PARENT_LINK_ID).queryAs(Hyperlink.class).getText())
                .isEqualTo(idOf("Users"));
        explorer.snapshot("selected-light");
        fxRun(() -> ExplorerWindow.applyTheme(true));
        explorer.snapshot("selected-dark");
        fxRun(() -> ExplorerWindow.applyTheme(false));
    }

    @Test
    void editingAValueIsStoredWithItsIndex(FxRobot robot) {
        String id = idOf("Ada Park");
        explorer.expand(robot, "root");
        explorer.expand(robot, "Users");
        explorer.select(robot, "Ada Park");
        TableView<AttributeRow> table = attributeTable(robot);
        waitUntil("the attributes are shown", () -> !table.getItems().isEmpty());

        selectRow(robot, table, "status");
        robot.type(KeyCode.ENTER);
        waitUntil("the value cell is being edited", () -> table.getEditingCell() != null);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("retired");
        robot.type(KeyCode.ENTER);

        waitUntil("the edit is saved", () -> !explorer.model.details().isSaving()
                && "retired".equals(explorer.model.details().row("status").getValue().utf8()));
        try (Jedis jedis = jedis()) {
            assertThat(jedis.hget("e:" + id, "status")).isEqualTo("retired");
            assertThat(jedis.sismember("i:status:retired", id)).isTrue();
            assertThat(jedis.sismember("i:status:active", id)).isFalse();
        }
    }

    @Test
    void removingAnAttributeIsStoredWithItsIndex(FxRobot robot) {
        String id = idOf("Ada Park");
        explorer.expand(robot, "root");
        explorer.expand(robot, "Users");
        explorer.select(robot, "Ada Park");
        TableView<AttributeRow> table = attributeTable(robot);
        waitUntil("the attributes are shown", () -> !table.getItems().isEmpty());

        selectRow(robot, table, "role");
        robot.clickOn("#" + DetailsPane.REMOVE_ID);

        waitUntil("the row is gone", () -> explorer.model.details().row("role") == null);
        try (Jedis jedis = jedis()) {
            assertThat(jedis.hexists("e:" + id, "role")).isFalse();
            assertThat(jedis.sismember("i:role:admin", id)).isFalse();
        }
    }

    @Test
    void addingAnAttributeIsStoredWithItsIndex(FxRobot robot) {
        String id = idOf("Ada Park");
        explorer.expand(robot, "root");
        explorer.expand(robot, "Users");
        explorer.select(robot, "Ada Park");
        waitUntil("the attributes are shown", () -> !attributeTable(robot).getItems().isEmpty());

        robot.clickOn("#" + DetailsPane.NEW_NAME_ID).write("team");
        robot.clickOn("#" + DetailsPane.NEW_VALUE_ID).write("Data platform");
        robot.clickOn("#" + DetailsPane.ADD_ID);

        waitUntil("the row is added", () -> explorer.model.details().row("team") != null);
        try (Jedis jedis = jedis()) {
            assertThat(jedis.hget("e:" + id, "team")).isEqualTo("Data platform");
            assertThat(jedis.sismember("i:team:Data platform", id)).isTrue();
        }
    }

    @Test
    void nonUtf8ValueIsShownEscapedAndKept(FxRobot robot) {
        fxRun(() -> explorer.window.reveal(rawId));
        waitUntil("the raw entity is selected", () -> rawId.equals(explorer.model.details().getId())
                && explorer.model.details().row("blob") != null);
        TableView<AttributeRow> table = attributeTable(robot);
        assertThat(fx(() -> explorer.model.details().row("blob").displayValue())).isEqualTo("\\xff\\xfea\u0000");

        selectRow(robot, table, "status");
        robot.type(KeyCode.ENTER);
        waitUntil("the value cell is being edited", () -> table.getEditingCell() != null);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("checked");
        robot.type(KeyCode.ENTER);
        waitUntil("the edit is saved", () -> !explorer.model.details().isSaving()
                && "checked".equals(explorer.model.details().row("status").getValue().utf8()));

        try (Jedis jedis = jedis()) {
            byte[] stored = jedis.hget(("e:" + rawId).getBytes(StandardCharsets.UTF_8),
                    "blob".getBytes(StandardCharsets.UTF_8));
            assertThat(Arrays.equals(stored, RAW_VALUE)).isTrue();
            assertThat(jedis.hget("e:" + rawId, "status")).isEqualTo("checked");
        }
    }

    @Test
    void escapedInputWritesRawBytes(FxRobot robot) {
        fxRun(() -> explorer.window.reveal(rawId));
        waitUntil("the raw entity is selected", () -> rawId.equals(explorer.model.details().getId())
                && explorer.model.details().row("blob") != null);

        robot.clickOn("#" + DetailsPane.NEW_NAME_ID).write("code");
        robot.clickOn("#" + DetailsPane.NEW_VALUE_ID).write("\\x80ok");
        robot.clickOn("#" + DetailsPane.ADD_ID);

        waitUntil("the row is added", () -> explorer.model.details().row("code") != null);
        try (Jedis jedis = jedis()) {
            byte[] stored = jedis.hget(("e:" + rawId).getBytes(StandardCharsets.UTF_8),
                    "code".getBytes(StandardCharsets.UTF_8));
            assertThat(stored).containsExactly((byte) 0x80, 'o', 'k');
        }
    }

    @Test
    void largeValueIsShownTruncated(FxRobot robot) {
        fxRun(() -> explorer.window.reveal(largeId));
        waitUntil("the large entity is selected", () -> largeId.equals(explorer.model.details().getId())
                && explorer.model.details().row("raw_data") != null);

        AttributeRow row = fx(() -> explorer.model.details().row("raw_data"));
        assertThat(row.isLarge()).isTrue();
        assertThat(row.displayValue()).hasSizeLessThan(300).startsWith("(71680 bytes, truncated) xxx");
        assertThat(row.fullValue()).hasSize(70 * 1024);
        explorer.snapshot("large-value");
    }

    @Test
    void hashWithThousandsOfFieldsLoadsInPages(FxRobot robot) {
        fxRun(() -> explorer.window.reveal(wideId));
        waitUntil("the first page of fields is shown", () -> wideId.equals(explorer.model.details().getId())
                && !explorer.model.details().getAttributes().isEmpty() && !explorer.model.details().isLoading());
        int firstPage = fx(() -> explorer.model.details().getAttributes().size());
        assertThat(firstPage).isLessThan(WIDE_FIELDS);
        Button more = robot.lookup("#" + DetailsPane.LOAD_MORE_FIELDS_ID).queryButton();
        assertThat(fx(more::isVisible)).isTrue();

        while (fx(() -> explorer.model.details().isHasMoreFields())) {
            int before = fx(() -> explorer.model.details().getAttributes().size());
            robot.clickOn(more);
            waitUntil("another page of fields", () -> explorer.model.details().getAttributes().size() > before
                    || !explorer.model.details().isHasMoreFields());
        }

        List<String> names = fx(() -> explorer.model.details().getAttributes().stream()
                .map(AttributeRow::displayName).toList());
        assertThat(names).hasSize(WIDE_FIELDS + 2).doesNotHaveDuplicates();
        assertThat(fx(more::isVisible)).isFalse();
    }

    @Test
    void searchRevealsAnEntityTwoLevelsDown(FxRobot robot) {
        explorer.awaitItem(robot, "root");
        robot.clickOn("#" + explorer.tree(robot).getId());
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        TextField field = robot.lookup("#" + SearchPane.FIELD_ID).queryAs(TextField.class);
        waitUntil("the search field has the focus", field::isFocused);

        robot.write("type=project name=Project 9").type(KeyCode.ENTER);
        @SuppressWarnings("unchecked")
        ListView<SearchModel.Hit> results = robot.lookup("#" + SearchPane.RESULTS_ID).queryAs(ListView.class);
        waitUntil("one result", () -> results.getItems().size() == 1 && !explorer.model.search().isSearching());
        robot.clickOn(robot.lookup("#" + SearchPane.RESULTS_ID + " .list-cell").nth(0).queryLabeled());

        String id = idOf("Project 9");
        waitUntil("the result is selected in the tree", () -> {
            TreeItem<TreeEntry> selected = explorer.tree(robot).getSelectionModel().getSelectedItem();
            return selected != null && node(selected) != null && id.equals(node(selected).getId());
        });
        TreeItem<TreeEntry> selected = fx(() -> explorer.tree(robot).getSelectionModel().getSelectedItem());
        assertThat(fx(() -> selected.getParent().isExpanded())).isTrue();
        assertThat(fx(() -> node(selected.getParent()).getName())).isEqualTo("Projects");
        assertThat(fx(() -> node(selected.getParent().getParent()).getId())).isEqualTo("root");
        waitUntil("the details show it", () -> id.equals(explorer.model.details().getId()));
        explorer.snapshot("search-reveal");
    }

    @Test
    void refreshKeepsExpansionAndSelection(FxRobot robot) {
        explorer.expand(robot, "root");
        TreeItem<TreeEntry> users = explorer.expand(robot, "Users");
        TreeItem<TreeEntry> hana = explorer.select(robot, "Hana Sato");
        long before = fx(() -> node(users).getChildCount());
        String added = explorer.store.create(idOf("Users"), attributes("name", "Zoe New", "type", "user"));

        robot.type(KeyCode.F5);

        waitUntil("the new user appears", () -> explorer.item(robot, "Zoe New") != null);
        assertThat(fx(users::isExpanded)).isTrue();
        assertThat(fx(() -> explorer.tree(robot).getSelectionModel().getSelectedItem())).isSameAs(hana);
        assertThat(fx(() -> node(users).getChildCount())).isEqualTo(before + 1);

        explorer.store.deleteCascade(added, org.hotcore.explorer.core.CascadeDelete.Options.DEFAULT,
                org.hotcore.explorer.core.Progress.NONE, org.hotcore.explorer.core.Cancellation.NEVER);
        robot.type(KeyCode.F5);
        waitUntil("the deleted user disappears", () -> explorer.item(robot, "Zoe New") == null
                && node(users).getChildCount() == before);
        assertThat(fx(() -> explorer.tree(robot).getSelectionModel().getSelectedItem())).isSameAs(hana);
    }

    @Test
    void deleteKeepingChildrenLiftsThem(FxRobot robot) {
        String usersId = idOf("Users");
        String team = explorer.store.create(usersId, attributes("name", "Team X", "type", "container"));
        String member = explorer.store.create(team, attributes("name", "Member X", "type", "user"));
        explorer.expand(robot, "root");
        TreeItem<TreeEntry> users = explorer.expand(robot, "Users");
        explorer.select(robot, "Team X");

        robot.type(KeyCode.DELETE);
        waitUntil("the confirmation opens", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.clickOn(robot.lookup(".dialog-pane .button").match(node -> node instanceof Button button
                && button.isDefaultButton()).queryButton());

        waitUntil("Team X leaves the tree and its child moves up", () -> explorer.item(robot, "Team X") == null
                && explorer.item(robot, "Member X") != null);
        TreeItem<TreeEntry> moved = explorer.item(robot, "Member X");
        assertThat(fx(() -> moved.getParent())).isSameAs(users);
        assertThat(fx(users::isExpanded)).isTrue();
        try (Jedis jedis = jedis()) {
            assertThat(jedis.exists("e:" + team)).isFalse();
            assertThat(jedis.get("p:" + member)).isEqualTo(usersId);
            assertThat(jedis.sismember("c:" + usersId, member)).isTrue();
        }
        explorer.store.deleteCascade(member, org.hotcore.explorer.core.CascadeDelete.Options.DEFAULT,
                org.hotcore.explorer.core.Progress.NONE, org.hotcore.explorer.core.Cancellation.NEVER);
    }

    @Test
    void viewMenuSwitchesToDarkTheme(FxRobot robot) {
        explorer.awaitItem(robot, "root");

        robot.clickOn("View");
        robot.clickOn("Dark theme");

        waitUntil("the dark theme is applied", () -> Application.getUserAgentStylesheet().contains("primer-dark"));
        assertThat(explorer.preferences.isDarkTheme()).isTrue();
        fxRun(() -> ExplorerWindow.applyTheme(false));
    }

    private static void selectRow(FxRobot robot, TableView<AttributeRow> table, String name) {
        int index = fx(() -> {
            List<String> names = new ArrayList<>();
            table.getItems().forEach(row -> names.add(row.displayName()));
            return names.indexOf(name);
        });
        assertThat(index).as("row of %s", name).isNotNegative();
        fxRun(() -> {
            table.scrollTo(index);
            table.getSelectionModel().clearAndSelect(index);
            table.getFocusModel().focus(index);
            table.requestFocus();
        });
        waitUntil("the table has the focus", table::isFocused);
    }

    @SuppressWarnings("unchecked")
    private static TableView<AttributeRow> attributeTable(FxRobot robot) {
        return robot.lookup("#" + DetailsPane.TABLE_ID).queryAs(TableView.class);
    }
}

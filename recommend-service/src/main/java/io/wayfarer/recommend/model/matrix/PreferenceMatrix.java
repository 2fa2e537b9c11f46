package io.wayfarer.recommend.model.matrix;

import io.wayfarer.recommend.model.Preference;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable sparse user × item matrix with dense int indices, held twice (compressed rows by user and by
 * item) so both user-based and item-based algorithms walk contiguous arrays. Ids are indexed in sorted order,
 * so the same preferences always give the same indices whatever their input order. A repeated (user, item)
 * keeps its last value.
 */
public final class PreferenceMatrix {

    private final String[] userIds;
    private final String[] itemIds;
    private final Map<String, Integer> userIndex;
    private final Map<String, Integer> itemIndex;
    private final SparseRows byUser;
    private final SparseRows byItem;

    private PreferenceMatrix(String[] userIds, String[] itemIds, SparseRows byUser) {
        this.userIds = userIds;
        this.itemIds = itemIds;
        this.userIndex = indexOf(userIds);
        this.itemIndex = indexOf(itemIds);
        this.byUser = byUser;
        this.byItem = byUser.transpose(itemIds.length);
    }

    public static PreferenceMatrix of(List<Preference> preferences) {
        TreeMap<String, Map<String, Double>> rows = new TreeMap<>();
        TreeMap<String, Boolean> items = new TreeMap<>();
        for (Preference p : preferences) {
            rows.computeIfAbsent(p.user(), u -> new HashMap<>()).put(p.item(), p.value());
            items.put(p.item(), Boolean.TRUE);
        }
        String[] itemIds = items.keySet().toArray(String[]::new);
        Map<String, Integer> itemIndex = indexOf(itemIds);
        String[] userIds = rows.keySet().toArray(String[]::new);
        int[] start = new int[userIds.length + 1];
        int nnz = 0;
        for (int u = 0; u < userIds.length; u++) {
            nnz += rows.get(userIds[u]).size();
            start[u + 1] = nnz;
        }
        int[] index = new int[nnz];
        double[] value = new double[nnz];
        for (int u = 0; u < userIds.length; u++) {
            Map<String, Double> row = rows.get(userIds[u]);
            int[] cols = new int[row.size()];
            int k = 0;
            for (String item : row.keySet()) {
                cols[k++] = itemIndex.get(item);
            }
            Arrays.sort(cols);
            for (int c = 0; c < cols.length; c++) {
                index[start[u] + c] = cols[c];
                value[start[u] + c] = row.get(itemIds[cols[c]]);
            }
        }
        return new PreferenceMatrix(userIds, itemIds, new SparseRows(start, index, value));
    }

    private static Map<String, Integer> indexOf(String[] ids) {
        Map<String, Integer> index = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        return index;
    }

    public int users() {
        return userIds.length;
    }

    public int items() {
        return itemIds.length;
    }

    public int size() {
        return byUser.size();
    }

    /** Dense index of {@code user}, or -1 if unknown. */
    public int user(String user) {
        return userIndex.getOrDefault(user, -1);
    }

    /** Dense index of {@code item}, or -1 if unknown. */
    public int item(String item) {
        return itemIndex.getOrDefault(item, -1);
    }

    public String userId(int user) {
        return userIds[user];
    }

    public String itemId(int item) {
        return itemIds[item];
    }

    /** Rows are users, indices are items (ascending). */
    public SparseRows byUser() {
        return byUser;
    }

    /** Rows are items, indices are users (ascending). */
    public SparseRows byItem() {
        return byItem;
    }

    public void writeTo(DataOutputStream out) throws IOException {
        BinaryStreams.writeStrings(out, userIds);
        BinaryStreams.writeStrings(out, itemIds);
        BinaryStreams.writeInts(out, byUser.start());
        BinaryStreams.writeInts(out, byUser.index());
        BinaryStreams.writeDoubles(out, byUser.value());
    }

    public static PreferenceMatrix read(DataInputStream in) throws IOException {
        String[] userIds = BinaryStreams.readStrings(in);
        String[] itemIds = BinaryStreams.readStrings(in);
        SparseRows rows = new SparseRows(BinaryStreams.readInts(in), BinaryStreams.readInts(in),
                BinaryStreams.readDoubles(in));
        return new PreferenceMatrix(userIds, itemIds, rows);
    }
}

package org.hotcore.explorer.core;

import java.util.Map;

/** GEO upkeep: entities with numeric {@code lat} and {@code long} are members of {@code geo:<type>}. */
final class Geo {

    /** GEOADD accepts latitudes within this bound (the Web Mercator limit) and longitudes within 180. */
    static final double MAX_LATITUDE = 85.05112878;

    private Geo() {
    }

    /** A GEO membership: the set's key and the position. */
    record Position(byte[] key, Bytes type, double longitude, double latitude) {
    }

    /**
     * Returns the GEO membership an entity with these attributes has, or null when {@code lat} or {@code long} is
     * missing, not a number, or outside the range GEOADD accepts (such an entity is kept out of the GEO set rather
     * than failing the whole transaction).
     */
    static Position positionOf(Map<Bytes, Bytes> attributes) {
        return positionOf(attributes.get(Keys.TYPE), attributes.get(Keys.LAT), attributes.get(Keys.LONG));
    }

    static Position positionOf(Bytes type, Bytes lat, Bytes lon) {
        if (lat == null || lon == null) {
            return null;
        }
        Double latitude = lat.toDoubleOrNull();
        Double longitude = lon.toDoubleOrNull();
        if (latitude == null || longitude == null || Math.abs(latitude) > MAX_LATITUDE
                || Math.abs(longitude) > 180) {
            return null;
        }
        return new Position(Keys.geo(type), type, longitude, latitude);
    }
}

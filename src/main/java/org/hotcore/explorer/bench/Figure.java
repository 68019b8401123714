package org.hotcore.explorer.bench;

/** One figure of the benchmark: it sets up its data, measures, and emits one result per case. */
interface Figure {

    /** Runs the figure on an empty database. */
    void run(Bench bench);
}

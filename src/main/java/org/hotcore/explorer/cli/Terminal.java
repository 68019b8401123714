package org.hotcore.explorer.cli;

import java.io.Console;

/** The interactive terminal of a command line run: whether progress may be drawn, and the password prompt. */
public interface Terminal {

    /** A run without a terminal: no progress, and no password prompt. */
    Terminal NONE = new Terminal() {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public char[] readPassword(String prompt) {
            return null;
        }
    };

    /** Tells whether standard input and output are a terminal, so progress lines on stderr reach a person. */
    boolean interactive();

    /**
     * Prompts for a password without echo.
     *
     * @return the password, or null when there is no terminal to read it from
     */
    char[] readPassword(String prompt);

    /**
     * Returns the terminal of this process from {@link System#console()}. Since JDK 22 the console object may
     * exist while the streams are redirected, so {@link Console#isTerminal()} decides.
     */
    static Terminal system() {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return NONE;
        }
        return new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public char[] readPassword(String prompt) {
                return console.readPassword("%s", prompt);
            }
        };
    }
}

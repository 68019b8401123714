package org.hotcore.explorer.cli;

/**
 * An interactive terminal for tests: progress is drawn, and the password prompt returns {@code password} (null
 * stands for a terminal that cannot read one). Records each prompt it showed.
 */
final class TestTerminal implements Terminal {

    private final String password;
    private final StringBuilder prompts = new StringBuilder();

    TestTerminal(String password) {
        this.password = password;
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public char[] readPassword(String prompt) {
        prompts.append(prompt).append('\n');
        return password == null ? null : password.toCharArray();
    }

    /** Returns every prompt shown, one per line. */
    String prompts() {
        return prompts.toString();
    }
}

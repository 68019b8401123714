package org.hotcore.explorer.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading CLIENT LIST replies. */
class ClientListReplyTest {

    @Test
    void sumsQueryBuffersAndMultiOfNamedConnectionsOnly() {
        String reply = """
                id=3 addr=127.0.0.1:1 laddr=127.0.0.1:6379 fd=8 name=hotcore-explorer age=1 idle=0 flags=N db=0 \
                sub=0 psub=0 ssub=0 multi=-1 qbuf=26 qbuf-free=20448 cmd=get user=default
                id=4 addr=127.0.0.1:2 laddr=127.0.0.1:6379 fd=9 name=hotcore-explorer age=1 idle=0 flags=x db=0 \
                sub=0 psub=0 ssub=0 multi=12 qbuf=0 qbuf-free=20474 cmd=set user=default
                id=5 addr=127.0.0.1:3 laddr=127.0.0.1:6379 fd=10 name=hotcore-explorer-monitor age=1 idle=0 \
                flags=N db=0 multi=-1 qbuf=100 cmd=client|list user=default
                id=6 addr=127.0.0.1:4 laddr=127.0.0.1:6379 fd=11 name= age=1 idle=0 flags=N db=0 multi=5 qbuf=7 \
                cmd=ping user=default
                """;

        Sample.Clients clients = ClientListReply.ownConnections(reply, "hotcore-explorer");

        assertThat(clients).isEqualTo(new Sample.Clients(Sample.Status.AVAILABLE, null, 2, 26, 12));
    }
}

# Serai behind Varnish with surrogate keys: /etc/varnish/default.vcl on Debian (packages varnish and
# varnish-modules, which brings the xkey vmod). Serai runs with SERAI_PURGE_BACKEND=varnish and
# SERAI_PURGE_URL=http://127.0.0.1:6081 (Varnish's listening address). tests/core/test_varnish.py
# runs this file as it is, changing only the lines marked ADAPT. See docs/deploy.md.
vcl 4.1;

import xkey;

backend serai {
    .host = "127.0.0.1";  # ADAPT: the app server (`serai serve`); a director for several
    .port = "8000";       # ADAPT
}

# Purges are honoured only from Serai's app servers.
acl serai_purgers {
    "127.0.0.1";
    "::1";
    # "10.0.0.11";  # ADAPT: app servers on other hosts, one line each
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ serai_purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey) {
            return (synth(400, "Name the keys to purge in an xkey header"));
        }
        # Each page is tagged with what it shows (Serai's `xkey` header): drop every page that
        # showed a changed name, whatever its address and variant.
        set req.http.n-gone = xkey.purge(req.http.xkey);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Readers whose cookies change what they see (staff, their own comments, their votes) skip the
    # cache; for everyone else a page is the same, so the other cookies do not split it.
    if (req.http.Cookie ~ "(^|;)\s*(sessionid|serai_mine|serai_votes)=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Serai marks what every reader may share (`public, s-maxage`) and keeps the rest private;
    # Varnish's built-in rules already follow s-maxage and refuse private answers.
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
    }
}

sub vcl_deliver {
    # The keys are for Varnish only; readers need not see them.
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

# Read by Jupyter Server from JUPYTER_CONFIG_PATH (set by ../start, which Binder and `make dashboard` use),
# together with jupyter_server_config.json beside it (kernel culling, Voilà's template).
#
# Voilà shuts a page's kernel down when the reader closes the tab: its beforeunload handler posts to
# /voila/api/shutdown/<kernel> with the `_xsrf` cookie's value. Jupyter Server sets that cookie only on
# its own HTML pages (JupyterLab, the tree), not on a Voilà page, so a reader who comes straight to
# voila/render sends an empty token and the request is refused (403 "'_xsrf' argument missing";
# voila-dashboards/voila#1458): the kernel lives on until culling ends it. Asking the request handler
# for its xsrf_token sets the cookie on the Voilà page's response, as Jupyter's own pages do; the
# XSRF check itself stays as it is.
c = get_config()  # noqa: F821


def set_xsrf_cookie(req, notebook, cwd):
    """VoilaConfiguration.prelaunch_hook: runs before each Voilà page's kernel starts."""
    req.xsrf_token  # noqa: B018 (tornado sets the _xsrf cookie when the token is first read)
    return notebook


c.VoilaConfiguration.prelaunch_hook = set_xsrf_cookie

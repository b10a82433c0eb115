"""The wall display (大屏): pages, the full-screen wall windows with rotation and alarm takeover,
the supervisor tab, and the report's PDF writer (Qt's text engine and PDF writer)."""

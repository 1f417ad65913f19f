/** Strings that would run code if any view inserted message or answer text as HTML. */
export const XSS_CORPUS = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 1">',
  '<svg onload="window.__xss = 1"></svg>',
  '<a href="javascript:window.__xss = 1">click me</a>',
  '"><iframe src="javascript:window.__xss = 1"></iframe>',
  '<div onclick="window.__xss = 1" style="position:fixed;inset:0">x</div>',
];

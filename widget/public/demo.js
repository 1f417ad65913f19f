// Calls made before the widget has loaded are queued and replayed.
window.SupportAnalytics =
  window.SupportAnalytics ||
  Object.assign(
    function () {
      window.SupportAnalytics.q.push(Array.prototype.slice.call(arguments));
    },
    { q: [] },
  );
document.getElementById('open-analytics').addEventListener('click', () => {
  window.SupportAnalytics('open');
});

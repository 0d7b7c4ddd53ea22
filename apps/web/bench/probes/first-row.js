// Init script (runs in every document before the app's code): notes, in the document's own
// clock (performance.now(), 0 = navigation start), when the first roster row enters the
// DOM and when the frame showing it has been produced. Plain JS: it is sent to the page
// as a file, untouched by the bench's TypeScript transform.
(() => {
  const marks = {
    rosterScreenMs: null,
    firstRowInsertedMs: null,
    firstRowPaintedMs: null,
    wholeListPaintedMs: null,
    longTasks: [],
  };
  window.__benchFirstRow = marks;

  // The frame after `at`: a requestAnimationFrame callback runs just before the frame is
  // painted; a message posted from it is handled once the frame is out.
  const afterNextPaint = (done) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(performance.now());
      channel.port2.postMessage(null);
    });

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) marks.longTasks.push({ startMs: entry.startTime, durationMs: entry.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {
    // Long task timing unsupported: the figures stay, the diagnosis is poorer.
  }

  // The list may first show the first screen the app kept (`aria-busy`), then the roster
  // read from IndexedDB: the first row is timed either way, the whole list apart.
  const observer = new MutationObserver(() => {
    if (marks.rosterScreenMs === null && document.querySelector(".list-pane")) marks.rosterScreenMs = performance.now();
    if (!document.querySelector(".virtual-row")) return;
    if (marks.firstRowInsertedMs === null) {
      marks.firstRowInsertedMs = performance.now();
      afterNextPaint((at) => (marks.firstRowPaintedMs = at));
    }
    if (!document.querySelector('.virtual-list:not([aria-busy="true"]) .virtual-row')) return;
    observer.disconnect();
    afterNextPaint((at) => (marks.wholeListPaintedMs = at));
  });
  observer.observe(document, { childList: true, subtree: true });
})();

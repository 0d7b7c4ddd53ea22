// Init script: for each keystroke typed into a text field, notes (in the document's clock)
// when the key event was created and when a frame showing its effect was produced:
// - a character: its echo in the field (the app writes text on leaving the field, so the
//   echo is the whole update a person sees while typing);
// - Tab, which leaves the field and writes the value: the field's inline findings
//   re-rendered (the set of finding codes under the field differs from before).
// Plain JS: sent to the page as a file, untouched by the bench's TypeScript transform.
(() => {
  const samples = [];
  window.__benchKeys = samples;

  const afterNextPaint = (done) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(performance.now());
      channel.port2.postMessage(null);
    });
  const codesOf = (row) => [...row.querySelectorAll(".finding")].map((f) => f.dataset.code).join(" ");

  window.addEventListener(
    "keydown",
    (event) => {
      const target = event.target;
      if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const commits = event.key === "Tab";
      if (event.key.length !== 1 && !commits) return;
      // event.timeStamp is when the browser made the event: waiting in the queue counts.
      const sample = { key: event.key, kind: commits ? "commit" : "echo", field: target.id, startMs: event.timeStamp, doneMs: null, codes: null };
      samples.push(sample);
      if (!commits) {
        target.addEventListener(
          "input",
          () => {
            if (samples[samples.length - 1] === sample) afterNextPaint((at) => (sample.doneMs = at));
          },
          { once: true },
        );
        return;
      }
      const row = target.closest(".field-row");
      if (!row) return;
      const before = codesOf(row);
      const observer = new MutationObserver(() => {
        const now = codesOf(row);
        if (now === before) return;
        observer.disconnect();
        sample.codes = now;
        afterNextPaint((at) => (sample.doneMs = at));
      });
      observer.observe(row, { childList: true, subtree: true, attributes: true, characterData: true });
      setTimeout(() => observer.disconnect(), 10_000);
    },
    true,
  );
})();

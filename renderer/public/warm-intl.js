// The first localized date in a page costs 15–40 ms: the engine opens the locale's and the time
// zone's data. What it opens is kept for the whole process, so this script, loaded async by
// index.html as soon as the page's HTML is read, starts itself again as a worker, which pays for
// it on a thread of its own while the window's code loads. The first date the window writes (the
// selected connection's "Connected …", in its first render with data) then takes under a
// millisecond; paid on the window's own thread, it delayed that render by as much. Where no
// worker starts, the first date pays as before.
if (typeof document === 'undefined') {
  new Date(0).toLocaleString();
  close();
} else if (typeof Worker === 'function' && document.currentScript instanceof HTMLScriptElement) {
  try {
    new Worker(document.currentScript.src);
  } catch {
    // Only a head start: the dates are written the same without it.
  }
}

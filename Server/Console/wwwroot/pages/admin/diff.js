// A line diff computed in the browser (longest common subsequence), so the history shows what a
// version changed without the server having to say it: [{ kind: ' ' | '+' | '-', text }].

export function lineDiff(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  // Common head and tail first: most versions change a few lines of a long set.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA -= 1; endB -= 1; }
  const n = endA - start;
  const m = endB - start;
  const lengths = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lengths[i * (m + 1) + j] = a[start + i] === b[start + j]
        ? lengths[(i + 1) * (m + 1) + j + 1] + 1
        : Math.max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1]);
    }
  }
  const lines = a.slice(0, start).map((text) => ({ kind: ' ', text }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      lines.push({ kind: ' ', text: a[start + i] });
      i += 1; j += 1;
    } else if (j < m && (i === n || lengths[i * (m + 1) + j + 1] >= lengths[(i + 1) * (m + 1) + j])) {
      lines.push({ kind: '+', text: b[start + j] });
      j += 1;
    } else {
      lines.push({ kind: '-', text: a[start + i] });
      i += 1;
    }
  }
  return lines.concat(a.slice(endA).map((text) => ({ kind: ' ', text })));
}

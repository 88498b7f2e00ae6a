// A short alarm tone with WebAudio (no sound file to ship). Browsers only allow audio
// after a user gesture: the sound toggle is that gesture, and unlockAudio() is called from it.
let ctx: AudioContext | undefined;

export function unlockAudio(): void {
  ctx ??= new AudioContext();
  void ctx.resume();
}

/** `times` short beeps at 880 Hz. */
export function beep(times = 1): void {
  if (!ctx) unlockAudio();
  const c = ctx!;
  for (let i = 0; i < times; i++) {
    const start = c.currentTime + i * 0.3;
    const osc = c.createOscillator();
    const gain = c.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.2);
    osc.connect(gain).connect(c.destination);
    osc.start(start);
    osc.stop(start + 0.22);
  }
}

// Getting the agent's attention without being loud: a short soft chime and a title that says
// how many conversations wait, while the tab is in the background or the message is elsewhere.
let audio: AudioContext | null = null;

/** A two-note chime (WebAudio: no sound file to load). Silently nothing if audio is blocked. */
export function chime(): void {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    [880, 660].forEach((freq, i) => {
      const osc = audio!.createOscillator();
      const gain = audio!.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + i * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.08, now + i * 0.15 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.15 + 0.25);
      osc.connect(gain).connect(audio!.destination);
      osc.start(now + i * 0.15);
      osc.stop(now + i * 0.15 + 0.3);
    });
  } catch {
    // No audio device or not allowed yet: the title still changes.
  }
}

/** "(3) 新消息 · 客服工作台" while something waits, the plain title otherwise. */
export function titleWith(base: string, waiting: number, label: string): string {
  return waiting > 0 ? `(${waiting}) ${label} · ${base}` : base;
}

/** Types the two separators of dd/mm/yyyy as the digits come, so a phone keypad suffices. */
export function maskDayFirstDate(event: InputEvent & { currentTarget: HTMLInputElement }): void {
  const el = event.currentTarget;
  if (event.inputType !== "insertText" || el.selectionStart !== el.value.length) return;
  if (/^\d{2}$|^\d{1,2}\/\d{2}$/.test(el.value)) el.value += "/";
}

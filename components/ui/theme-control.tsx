import { currentTheme } from "@/lib/theme/current-theme";
import { ThemeSwitch } from "./theme-switch";

/** The theme switch, rendered with the choice the request's cookie carries. */
export async function ThemeControl() {
  return <ThemeSwitch initial={await currentTheme()} />;
}

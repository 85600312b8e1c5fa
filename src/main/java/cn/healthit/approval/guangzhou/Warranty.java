package cn.healthit.approval.guangzhou;

import java.time.LocalDate;

/**
 * 001 §3.5(2): the warranty runs from the day the final acceptance is passed — software at least one
 * year, hardware at least two. The platform sets the minimum; the unit is reminded
 * {@link #REMINDER_DAYS_BEFORE} calendar days before each end so it can inspect the system and claim
 * repairs while the contractor is still bound. Calendar days, not working days: the end dates lie one
 * and two years ahead, beyond the holiday data the working-day calendar has.
 */
public record Warranty(LocalDate finalAcceptance, LocalDate softwareEnds, LocalDate hardwareEnds,
    LocalDate softwareReminder, LocalDate hardwareReminder) {

  public static final int SOFTWARE_YEARS = 1;
  public static final int HARDWARE_YEARS = 2;
  public static final int REMINDER_DAYS_BEFORE = 30;

  public static Warranty from(LocalDate finalAcceptance) {
    // 001 §3.5(2): 软件类不少于一年，硬件类不少于两年，自竣工验收合格之日起
    LocalDate software = finalAcceptance.plusYears(SOFTWARE_YEARS);
    LocalDate hardware = finalAcceptance.plusYears(HARDWARE_YEARS);
    return new Warranty(finalAcceptance, software, hardware,
        software.minusDays(REMINDER_DAYS_BEFORE), hardware.minusDays(REMINDER_DAYS_BEFORE));
  }
}

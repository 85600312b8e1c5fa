package cn.healthit.approval.calendar;

import cn.healthit.approval.input.InvalidInputException;

/** A holiday file refused, with the reason; the calendar in use stays as it was. HTTP 400 through /api. */
public class InvalidCalendarException extends InvalidInputException {

  public InvalidCalendarException(String reason) {
    super("calendar", "节假日安排未载入：" + reason);
  }
}

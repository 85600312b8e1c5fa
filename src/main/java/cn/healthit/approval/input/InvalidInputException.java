package cn.healthit.approval.input;

/**
 * A refusal of bad input, naming the field and saying in Chinese what is wrong.
 *
 * <p>Rules throw it; the platform turns it into one error shape for /api and /engine-rest
 * (HTTP 400, {@code field}, {@code message}). Being thrown inside the engine's transaction, it
 * rolls back everything the refused call had started, so nothing is left half-written.
 */
public class InvalidInputException extends RuntimeException {

  private final String field;

  public InvalidInputException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The variable or form field that was refused. */
  public String getField() {
    return field;
  }
}

package io.berth.validation;

import java.util.regex.Pattern;

/** Value syntax shared by the rules: IP addresses, DNS names, absolute paths, ARNs. Pure string checks. */
final class Syntax {
  private static final Pattern IPV4 = Pattern.compile(
      "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
  private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
  private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("[A-Za-z]:\\\\.*");
  /** An IAM role ARN: partition, empty region, 12-digit account, {@code role/} and an optional path. */
  private static final Pattern IAM_ROLE_ARN = Pattern.compile(
      "arn:aws(-[a-z]+)*:iam::\\d{12}:role/([\\x21-\\x7E]+/)?[\\w+=,.@-]{1,64}");
  private static final Pattern ARN = Pattern.compile("arn:[a-z0-9-]+:[a-z0-9-]+:[a-z0-9-]*:[0-9]*:\\S+");

  private Syntax() {}

  static boolean isIpAddress(String value) {
    return IPV4.matcher(value).matches() || isIpv6(value);
  }

  private static boolean isIpv6(String value) {
    if (!value.contains(":") || value.contains(":::")) {
      return false;
    }
    String text = value;
    int groups = 0;
    int lastColon = text.lastIndexOf(':');
    if (text.substring(lastColon + 1).contains(".")) { // a trailing IPv4 counts as two groups
      if (!IPV4.matcher(text.substring(lastColon + 1)).matches()) {
        return false;
      }
      text = text.substring(0, lastColon + 1) + "0:0";
    }
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    for (String side : gap >= 0 ? new String[] {text.substring(0, gap), text.substring(gap + 2)} : new String[] {text}) {
      if (side.isEmpty()) {
        continue;
      }
      for (String group : side.split(":", -1)) {
        if (!HEX_GROUP.matcher(group).matches()) {
          return false;
        }
        groups++;
      }
    }
    return gap >= 0 ? groups < 8 : groups == 8;
  }

  /** A DNS name: dot-separated labels of letters, digits, hyphens and underscores, at most 253 characters. */
  static boolean isDnsName(String value) {
    if (value.isEmpty() || value.length() > 253) {
      return false;
    }
    String name = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    for (String label : name.split("\\.", -1)) {
      if (!DNS_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return !name.isEmpty();
  }

  /**
   * An absolute path: {@code /...} (Linux), or {@code C:\...} or {@code \\server\...} (Windows
   * containers, named pipes included); no control characters.
   */
  static boolean isAbsolutePath(String value) {
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return false;
    }
    return value.startsWith("/") || value.startsWith("\\\\") || WINDOWS_ABSOLUTE.matcher(value).matches();
  }

  static boolean isIamRoleArn(String value) {
    return IAM_ROLE_ARN.matcher(value).matches();
  }

  /** Any ARN: {@code arn:partition:service:region:account:resource}. */
  static boolean isArn(String value) {
    return ARN.matcher(value).matches();
  }

  /** Visible characters only: no blanks or control characters anywhere. */
  static boolean isToken(String value) {
    return !value.isEmpty() && value.chars().allMatch(c -> c > 0x20 && c != 0x7f);
  }
}

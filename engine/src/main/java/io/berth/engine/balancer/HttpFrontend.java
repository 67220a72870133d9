package io.berth.engine.balancer;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One client connection of an HTTP listener: each request goes to a target of the pool, one request
 * at a time (pipelined ones wait for the answer before them), streamed both ways with back-pressure (the other side is read only once a write is
 * done). The connection to the target lives on the same event loop thread, so this handler's state
 * needs no lock; it is opened per request and closed after the answer.
 *
 * <p>A request that could not reach its target goes to another one (at most
 * {@link TargetPool#MAX_ATTEMPTS} in all) when that is safe: it has no body and either the connection
 * failed or the method is GET, HEAD or OPTIONS and the target answered nothing (nginx's
 * {@code proxy_next_upstream error}). A connection that could not be made counts against the
 * target (enough in a row make it UNHEALTHY at once); when no target
 * is left the client gets ELB's answers: 503 without a healthy target, 502 when none could be
 * reached, 504 when the target did not answer within the idle timeout. Hop-by-hop headers are
 * dropped both ways; X-Forwarded-For, -Proto and -Port are added, as ELB does.
 */
final class HttpFrontend extends ChannelInboundHandlerAdapter {
  private static final List<CharSequence> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE,
      "proxy-connection", HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE,
      HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.PROXY_AUTHENTICATE);

  private final TargetPool pool;
  private final NettyListeners listeners;
  private ChannelHandlerContext client;
  // The request under way (null between requests).
  private HttpRequest head;
  private final List<HttpContent> pending = new ArrayList<>();
  /** Messages of pipelined requests behind the one under way, handled once it is answered. */
  private final java.util.ArrayDeque<Object> queued = new java.util.ArrayDeque<>();
  private boolean requestDone;
  private boolean keepAlive;
  private boolean hasBody;
  private long started;
  private Set<Target> tried;
  private Target target;
  private Channel backend;
  private int status;
  /** The target's answer has begun (its head was passed on). */
  private boolean answering;
  /** The target's answer is all here (its close right after is no failure). */
  private boolean answered;
  /** The request's end went to the target (a body-less request's own, or the client's). */
  private boolean endSent;

  HttpFrontend(TargetPool pool, NettyListeners listeners) {
    this.pool = pool;
    this.listeners = listeners;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    client = ctx;
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if ((msg instanceof HttpRequest && head != null) || !queued.isEmpty()) {
      queued.add(msg); // a pipelined request: it waits for the answer to the one before
      return;
    }
    handle(msg);
  }

  private void handle(Object msg) {
    if (msg instanceof HttpRequest request) {
      if (request.decoderResult().isFailure()) {
        ReferenceCountUtil.release(msg);
        keepAlive = false;
        requestDone = true;
        answer(HttpResponseStatus.BAD_REQUEST, "malformed request");
        return;
      }
      begin(request);
    }
    if (msg instanceof HttpContent content) {
      requestDone = content instanceof LastHttpContent;
      if (head == null || (!hasBody && endSent)) {
        content.release(); // the rest of a request already answered, or the end a body-less one was sent with
      } else if (backend != null && backend.isActive()) {
        forward(content);
      } else {
        pending.add(content);
      }
    }
  }

  private void begin(HttpRequest request) {
    keepAlive = HttpUtil.isKeepAlive(request) && request.protocolVersion().equals(HttpVersion.HTTP_1_1);
    hasBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
    started = System.nanoTime();
    tried = new HashSet<>();
    requestDone = false;
    answering = false;
    answered = false;
    endSent = false;
    status = 0;
    HttpHeaders headers = request.headers().copy();
    dropHopByHop(headers);
    headers.remove(HttpHeaderNames.EXPECT); // 100 Continue was answered here
    InetSocketAddress from = (InetSocketAddress) client.channel().remoteAddress();
    String forwardedFor = request.headers().get("X-Forwarded-For");
    String address = from.getAddress().getHostAddress();
    headers.set("X-Forwarded-For", forwardedFor == null ? address : forwardedFor + ", " + address);
    headers.set("X-Forwarded-Proto", "http");
    headers.set("X-Forwarded-Port", pool.port);
    head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), request.uri(), headers);
    connect();
  }

  private void connect() {
    Optional<Target> chosen = pool.acquire(tried);
    if (chosen.isEmpty()) {
      pool.failed();
      answer(tried.isEmpty() ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.BAD_GATEWAY,
          tried.isEmpty() ? "no healthy target" : "no target could be reached");
      return;
    }
    target = chosen.get();
    Target attempt = target;
    listeners.connector(client.channel().eventLoop()).handler(new io.netty.channel.ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel channel) {
        channel.pipeline().addLast(new IdleStateHandler(NettyListeners.IDLE_TIMEOUT.toSeconds(), 0, 0, TimeUnit.SECONDS),
            new HttpClientCodec(), new TargetSide());
      }
    }).connect(attempt.address).addListener((ChannelFutureListener) connected -> {
      if (attempt != target) {
        connected.channel().close(); // the client went away meanwhile
        return;
      }
      if (!connected.isSuccess()) {
        unreachable(describe(connected.cause()), true);
        return;
      }
      backend = connected.channel();
      backend.write(head); // not reference-counted: a retry writes the same head again
      if (!hasBody) {
        // The whole request is its head: sent with an end of its own, so that a retry can send it again.
        pending.forEach(HttpContent::release);
        pending.clear();
        endSent = true;
        backend.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      } else {
        List<HttpContent> buffered = new ArrayList<>(pending);
        pending.clear();
        buffered.forEach(this::forward);
        if (buffered.isEmpty()) {
          backend.flush();
          client.read();
        }
      }
      backend.read();
    });
  }

  /** Sends a piece of the request body on, reading the next one from the client once it is written. */
  private void forward(HttpContent content) {
    boolean last = content instanceof LastHttpContent;
    backend.writeAndFlush(content).addListener((ChannelFutureListener) written -> {
      if (written.isSuccess() && !last && client.channel().isActive()) {
        client.read();
      }
    });
  }

  /** The target's side of the exchange. */
  private final class TargetSide extends ChannelInboundHandlerAdapter {
    private boolean interim;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpResponse response) {
        if (response.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL) {
          interim = true; // a 1xx before the answer: not passed on (100 Continue was answered here)
        } else {
          respond(response);
        }
      }
      if (msg instanceof HttpContent content) {
        if (interim) {
          interim = !(content instanceof LastHttpContent);
          content.release();
          ctx.read();
        } else {
          relay(content);
        }
      } else if (!(msg instanceof HttpResponse)) {
        ReferenceCountUtil.release(msg);
      } else if (interim) {
        ctx.read();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (ctx.channel() == backend) {
        backendClosed();
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof IdleStateEvent && ctx.channel() == backend) {
        timedOut();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private void respond(HttpResponse response) {
    answering = true;
    status = response.status().code();
    HttpHeaders headers = response.headers();
    dropHopByHop(headers);
    boolean bodyless = head.method().equals(HttpMethod.HEAD) || status == 204 || status == 304;
    boolean framed = HttpUtil.isContentLengthSet(response) || HttpUtil.isTransferEncodingChunked(response);
    if (!framed && !bodyless) {
      if (keepAlive) {
        HttpUtil.setTransferEncodingChunked(response, true); // the target closes to end it; the client stays
      }
    }
    HttpUtil.setKeepAlive(response, keepAlive && (framed || bodyless || HttpUtil.isTransferEncodingChunked(response)));
    if (!HttpUtil.isKeepAlive(response)) {
      keepAlive = false;
    }
    client.write(response);
    backend.read(); // the answer's first piece may not have come with its head
  }

  /** Passes a piece of the answer on, reading the next one from the target once it is written. */
  private void relay(HttpContent content) {
    boolean last = content instanceof LastHttpContent;
    answered |= last;
    if (last && target != null) {
      // counted when the target's answer is complete, before it is written: a client that has its
      // answer must find it in the counts (the write's listener may run after the client reads)
      pool.answered(target, status, System.nanoTime() - started);
    }
    Channel from = backend;
    client.writeAndFlush(content).addListener((ChannelFutureListener) written -> {
      if (!written.isSuccess()) {
        return; // the client went away: channelInactive cleans up
      }
      if (last) {
        finished();
      } else if (from.isActive()) {
        from.read();
      }
    });
  }

  private void finished() {
    release();
    nextRequest();
  }

  /** The connection to the target closed: after a full answer that is normal, before one a failure. */
  private void backendClosed() {
    if (target == null || answered) {
      return;
    }
    if (!answering) {
      unreachable("the connection closed before an answer", false);
    } else {
      // cut off in the middle of an answer: the client can only be told by closing
      pool.failed();
      release();
      client.close();
    }
  }

  private void timedOut() {
    if (target == null) {
      return;
    }
    pool.failed();
    release();
    if (answering) {
      client.close();
    } else {
      answer(HttpResponseStatus.GATEWAY_TIMEOUT, "the target did not answer in " + NettyListeners.IDLE_TIMEOUT.toSeconds() + " s");
    }
  }

  /**
   * {@code target} gave no answer: try another one when that is safe, else tell the client. Only a
   * connection that could not be made counts against the target (a dead host refuses, or never answers
   * the connect); one closed before an answer may be a target shedding load, which its health checks judge.
   */
  private void unreachable(String detail, boolean noConnection) {
    Target failed = target;
    if (noConnection) {
      pool.unreachable(failed, detail);
    }
    release();
    boolean idempotent = head.method().equals(HttpMethod.GET) || head.method().equals(HttpMethod.HEAD)
        || head.method().equals(HttpMethod.OPTIONS);
    tried.add(failed);
    if (!hasBody && (noConnection || idempotent) && tried.size() < TargetPool.MAX_ATTEMPTS) {
      connect();
    } else {
      pool.failed();
      answer(HttpResponseStatus.BAD_GATEWAY, "the target could not be reached: " + detail);
    }
  }

  private void release() {
    if (target != null) {
      pool.release(target);
      target = null;
    }
    if (backend != null) {
      Channel closing = backend;
      backend = null;
      closing.close();
    }
  }

  /** The load balancer's own answer to the request under way. */
  private void answer(HttpResponseStatus answer, String text) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer,
        Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    HttpUtil.setContentLength(response, response.content().readableBytes());
    HttpUtil.setKeepAlive(response, keepAlive && requestDone);
    keepAlive = keepAlive && requestDone;
    client.writeAndFlush(response).addListener((ChannelFutureListener) written -> nextRequest());
  }

  private void nextRequest() {
    pending.forEach(HttpContent::release);
    pending.clear();
    head = null;
    if (!keepAlive || !requestDone || !client.channel().isActive()) {
      client.close();
    } else if (queued.isEmpty()) {
      client.read();
    } else {
      while (!queued.isEmpty() && (head == null || !(queued.peek() instanceof HttpRequest))) {
        handle(queued.poll());
      }
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent && head == null) {
      ctx.close(); // an idle client connection, as ELB closes them
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    pending.forEach(HttpContent::release);
    pending.clear();
    queued.forEach(ReferenceCountUtil::release);
    queued.clear();
    release();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private static void dropHopByHop(HttpHeaders headers) {
    for (String listed : headers.getAll(HttpHeaderNames.CONNECTION)) {
      for (String name : listed.split(",")) {
        headers.remove(name.trim());
      }
    }
    HOP_BY_HOP.forEach(headers::remove);
  }

  static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    // Netty says "Connection refused: /127.0.0.2:49153": the address is in the target's name already
    int colon = message.indexOf(": /");
    return (colon > 0 ? message.substring(0, colon) : message).toLowerCase(Locale.ROOT);
  }
}

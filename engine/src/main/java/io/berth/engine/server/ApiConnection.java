package io.berth.engine.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One client connection of the API: gathers each request (head and whole body, up to {@link
 * ApiServer#MAX_BODY}) into an {@link ApiRequest}, has {@link ApiRoutes} answer it on a worker
 * thread, and writes the answers in the order the requests came (pipelined requests wait for the
 * answer before theirs). Runs on the connection's event loop thread, so its state needs no lock.
 * What the HTTP layer cannot read (a malformed request line or header, one too long, a body over
 * the limit) is answered with Berth's JSON error too, and the connection is closed after it, since
 * the rest of what the client sent cannot be told apart from a next request.
 */
final class ApiConnection extends ChannelInboundHandlerAdapter {
  /** Requests waiting behind the one being answered before the connection stops reading. */
  private static final int MAX_QUEUED = 16;

  /** What the connection answers next: a request for the routes, or an answer the connection gives itself. */
  private sealed interface Pending {}

  private record Routed(ApiRequest request, boolean keepAlive, boolean http10) implements Pending {}

  private record Refused(ApiAnswer answer, boolean head) implements Pending {}

  private final ApiRoutes routes;
  private final Executor workers;
  private final ArrayDeque<Pending> queued = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  /** The request being read (null between requests) and its body so far. */
  private HttpRequest head;
  private ByteArrayOutputStream body;
  /** An answer is being produced or written: the next one waits. */
  private boolean busy;
  /** An answer that closes the connection was queued: nothing after it is read or answered. */
  private boolean closing;

  ApiConnection(ApiRoutes routes, Executor workers) {
    this.routes = routes;
    this.workers = workers;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (closing) {
        return;
      }
      if (msg instanceof HttpRequest request) {
        begin(request);
      }
      if (msg instanceof HttpContent content && head != null) {
        append(content);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void begin(HttpRequest request) {
    if (request.decoderResult().isFailure()) {
      refuse(malformed(request.decoderResult()), false);
      return;
    }
    head = request;
    body = new ByteArrayOutputStream();
    if (HttpUtil.getContentLength(request, 0L) > ApiServer.MAX_BODY) {
      refuse(tooLarge(), request.method().name().equals("HEAD"));
    }
  }

  private void append(HttpContent content) {
    if (content.decoderResult().isFailure()) {
      refuse(malformed(content.decoderResult()), false);
      return;
    }
    int size = content.content().readableBytes();
    if (body.size() + size > ApiServer.MAX_BODY) {
      refuse(tooLarge(), head.method().name().equals("HEAD"));
      return;
    }
    body.writeBytes(ByteBufUtil.getBytes(content.content()));
    if (content instanceof LastHttpContent) {
      Map<String, String> headers = new HashMap<>();
      head.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
      ApiRequest request = new ApiRequest(head.method().name(), head.uri(), headers, body.toByteArray(),
          (InetSocketAddress) ctx.channel().remoteAddress(), ctx.channel()::isActive);
      boolean keepAlive = HttpUtil.isKeepAlive(head);
      boolean http10 = head.protocolVersion().equals(HttpVersion.HTTP_1_0);
      head = null;
      body = null;
      enqueue(new Routed(request, keepAlive, http10));
    }
  }

  /** Answers {@code answer} after the answers before it, then ends the connection; nothing more is read. */
  private void refuse(ApiAnswer answer, boolean headRequest) {
    closing = true;
    head = null;
    ctx.channel().config().setAutoRead(true); // what follows is read only to be dropped
    enqueue(new Refused(answer, headRequest));
  }

  private static ApiAnswer malformed(DecoderResult result) {
    if (result.cause() instanceof TooLongHttpLineException) {
      return ApiAnswer.error(414, "the request line is longer than " + ApiServer.MAX_LINE + " bytes",
          "send a shorter request target (the API's paths and queries are short)");
    }
    if (result.cause() instanceof TooLongHttpHeaderException) {
      return ApiAnswer.error(431, "the request's headers are longer than " + ApiServer.MAX_HEADERS + " bytes",
          "send fewer or shorter headers");
    }
    return ApiAnswer.error(400, "the request is not valid HTTP/1.1 (its request line, a header or its chunked body)",
        "send METHOD /v1/... HTTP/1.1, headers as Name: value, and a body as Content-Length says;"
            + " see docs/agent-protocol.md");
  }

  private static ApiAnswer tooLarge() {
    return ApiAnswer.error(413, "the request body is larger than " + (ApiServer.MAX_BODY >> 20) + " MiB",
        "the API's bodies are small JSON documents (a sync reports one host's tasks): see docs/agent-protocol.md");
  }

  private void enqueue(Pending pending) {
    queued.add(pending);
    if (queued.size() >= MAX_QUEUED) {
      ctx.channel().config().setAutoRead(false); // a client pipelining faster than it is answered waits
    }
    next();
  }

  private void next() {
    if (busy || queued.isEmpty()) {
      return;
    }
    Pending pending = queued.poll();
    if (!ctx.channel().config().isAutoRead() && queued.size() < MAX_QUEUED / 2) {
      ctx.channel().config().setAutoRead(true);
    }
    busy = true;
    if (pending instanceof Refused refused) {
      write(refused.answer(), refused.head(), false, false, true);
      return;
    }
    Routed routed = (Routed) pending;
    try {
      workers.execute(() -> {
        ApiAnswer answer = answer(routed.request());
        try {
          ctx.executor().execute(() -> write(answer, routed.request().method().equals("HEAD"), routed.keepAlive(),
              routed.http10(), false));
        } catch (RejectedExecutionException e) {
          // the server stopped: its connections are closed
        }
      });
    } catch (RejectedExecutionException e) {
      ctx.close(); // the server is stopping
    }
  }

  /** The routes' answer; a failure they did not turn into one (a stack overflow, say) is a 500 still. */
  private ApiAnswer answer(ApiRequest request) {
    try {
      return routes.answer(request);
    } catch (RuntimeException | Error e) {
      System.getLogger(ApiConnection.class.getName()).log(System.Logger.Level.ERROR, "failed to answer "
          + request.method() + " " + request.rawPath(), e);
      return ApiAnswer.error(500, "the control plane failed to answer " + request.method() + " " + request.path(),
          "see the control plane's log (the output of berth up or berth server)");
    }
  }

  private void write(ApiAnswer answer, boolean headRequest, boolean keepAlive, boolean http10, boolean refusal) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status()),
        headRequest ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body()));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
    answer.headers().forEach(response.headers()::set);
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (http10) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    ctx.writeAndFlush(response).addListener((ChannelFutureListener) written -> {
      if (refusal && written.isSuccess() && written.channel() instanceof DuplexChannel duplex) {
        // A refusal: the client may still be sending what cannot be read. Closing now would answer
        // those bytes with a reset that can destroy the answer in flight; end the sending side only,
        // and read on (dropping it all) until the client closes, or the idle timeout.
        duplex.shutdownOutput();
        busy = false;
        return;
      }
      if (!keepAlive || !written.isSuccess()) {
        written.channel().close();
        return;
      }
      busy = false;
      next();
    });
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    // idle: close only a connection with nothing under way (a served apply may think for minutes)
    if (event instanceof IdleStateEvent && !busy && queued.isEmpty() && head == null) {
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(event);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // a connection reset, a TLS handshake that failed: nothing to answer, the client is gone
    if (!(cause instanceof IOException)) {
      System.getLogger(ApiConnection.class.getName()).log(System.Logger.Level.DEBUG, "API connection failed", cause);
    }
    ctx.close();
  }
}

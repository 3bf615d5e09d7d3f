import type { MetadataRoute } from "next";

/** The web app manifest: Chorus installs to a phone's home screen and opens on the feed. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Chorus",
    short_name: "Chorus",
    description: "Share what your company publishes, through links that credit you.",
    id: "/feed",
    start_url: "/feed",
    scope: "/",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#3730a3",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
